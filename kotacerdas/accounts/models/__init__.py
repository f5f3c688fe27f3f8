from kotacerdas.accounts.models.otp import OtpChallenge

__all__ = ["OtpChallenge"]
