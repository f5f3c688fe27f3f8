from django.urls import path

from kotacerdas.payments.simulator import views

app_name = "simulator"

urlpatterns = [
    path("simulator/pay", views.pay_page, name="pay-page"),
    path("simulator/midtrans/v2/charge", views.charge, name="charge"),
    path("simulator/midtrans/v2/<str:order_id>/status", views.status, name="status"),
    path("simulator/midtrans/v2/<str:order_id>/cancel", views.cancel, name="cancel"),
    path("simulator/midtrans/v2/<str:order_id>/expire", views.expire, name="expire"),
    path("simulator/midtrans/v2/<str:order_id>/pay", views.pay, name="pay"),
    path("simulator/midtrans/v2/qris/<str:transaction_id>/qr-code", views.qr_code, name="qr-code"),
]
