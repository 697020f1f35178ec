"""Understanding citizens' messages: normalisation, intents, FAQ matching, emergencies."""

from nlu.engines import build_engine
from nlu.normalize import fold, normalize
from nlu.parse import ArticleRef, Engine, Parse
from nlu.training import TrainingData

__all__ = ["ArticleRef", "Engine", "Parse", "TrainingData", "build_engine", "fold", "normalize"]
