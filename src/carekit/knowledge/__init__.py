"""Knowledge base: articles with suggested answers, ranked for a customer's
message by BM25 in pure Python, with a calibrated confidence that decides
between answering and handing to a human."""

from carekit.knowledge.answering import (
    DEFAULT_MINIMUM_CONFIDENCE as DEFAULT_MINIMUM_CONFIDENCE,
)
from carekit.knowledge.answering import Answer as Answer
from carekit.knowledge.answering import AnswerPolicy as AnswerPolicy
from carekit.knowledge.answering import ConfidenceThreshold as ConfidenceThreshold
from carekit.knowledge.answering import HandOff as HandOff
from carekit.knowledge.articles import Article as Article
from carekit.knowledge.index import OKAPI as OKAPI
from carekit.knowledge.index import Bm25 as Bm25
from carekit.knowledge.index import KnowledgeBase as KnowledgeBase
from carekit.knowledge.index import Suggestion as Suggestion
from carekit.knowledge.tokens import DEFAULT_TOKENIZER as DEFAULT_TOKENIZER
from carekit.knowledge.tokens import ENGLISH_STOP_WORDS as ENGLISH_STOP_WORDS
from carekit.knowledge.tokens import SPANISH_STOP_WORDS as SPANISH_STOP_WORDS
from carekit.knowledge.tokens import Tokenizer as Tokenizer
from carekit.knowledge.tokens import Words as Words

__all__ = [
    "DEFAULT_MINIMUM_CONFIDENCE",
    "DEFAULT_TOKENIZER",
    "ENGLISH_STOP_WORDS",
    "OKAPI",
    "SPANISH_STOP_WORDS",
    "Answer",
    "AnswerPolicy",
    "Article",
    "Bm25",
    "ConfidenceThreshold",
    "HandOff",
    "KnowledgeBase",
    "Suggestion",
    "Tokenizer",
    "Words",
]
