"""Simulator-only state: what "Midtrans" knows, and the notifications it still owes."""

from __future__ import annotations

from django.db import models


class SimTransaction(models.Model):
    order_id = models.CharField(max_length=50, unique=True)
    transaction_id = models.CharField(max_length=36, unique=True)
    gross_amount = models.PositiveBigIntegerField()
    status = models.CharField(max_length=16, default="pending")
    qr_string = models.TextField()
    notification_url = models.CharField(max_length=300)
    chaos = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expiry_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)
    paid_amount = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        db_table = "payments_simulator_transaction"
        ordering = ["-created_at", "-id"]
        verbose_name = "simulator transaction"

    def __str__(self) -> str:
        return f"{self.order_id} {self.status}"


class SimDelivery(models.Model):
    QUEUED, SENDING, DELIVERED, GAVE_UP = "queued", "sending", "delivered", "gave_up"

    transaction = models.ForeignKey(
        SimTransaction, on_delete=models.CASCADE, related_name="deliveries"
    )
    payload = models.JSONField()
    url = models.CharField(max_length=300)
    state = models.CharField(max_length=16, default=QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    retries_left = models.IntegerField(default=5)
    fail_left = models.PositiveIntegerField(default=0)  # chaos: attempts to fail on purpose
    next_attempt_at = models.DateTimeField()
    last_status = models.IntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "payments_simulator_delivery"
        ordering = ["next_attempt_at", "id"]
        verbose_name = "simulator delivery"

    def __str__(self) -> str:
        return f"{self.transaction.order_id} {self.payload.get('transaction_status')} {self.state}"
