"""What someone typed when their session had ended, kept until they sign in again."""
