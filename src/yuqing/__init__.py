"""yuqing (舆情): public-opinion monitoring and information reporting for communications offices."""

__version__ = "0.1.0"
