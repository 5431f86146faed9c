"""Feedback: CSAT and NPS surveys, sentiment conversion and commerce
satisfaction, each with an accumulator that merges exactly."""

from carekit.feedback.commerce import DEFAULT_RISK_BANDS as DEFAULT_RISK_BANDS
from carekit.feedback.commerce import CommerceAccumulator as CommerceAccumulator
from carekit.feedback.commerce import CommerceSatisfaction as CommerceSatisfaction
from carekit.feedback.commerce import RiskBands as RiskBands
from carekit.feedback.commerce import RiskLevel as RiskLevel
from carekit.feedback.commerce import SatisfactionRiskPolicy as SatisfactionRiskPolicy
from carekit.feedback.commerce import assess_support as assess_support
from carekit.feedback.commerce import measure_commerce as measure_commerce
from carekit.feedback.csat import SATISFIED as SATISFIED
from carekit.feedback.csat import CsatAccumulator as CsatAccumulator
from carekit.feedback.csat import CsatResult as CsatResult
from carekit.feedback.csat import csat_by_agent as csat_by_agent
from carekit.feedback.csat import measure_csat as measure_csat
from carekit.feedback.nps import DETRACTORS as DETRACTORS
from carekit.feedback.nps import PROMOTERS as PROMOTERS
from carekit.feedback.nps import NpsAccumulator as NpsAccumulator
from carekit.feedback.nps import NpsResult as NpsResult
from carekit.feedback.nps import measure_nps as measure_nps
from carekit.feedback.sentiment import ConversationSentiment as ConversationSentiment
from carekit.feedback.sentiment import KeywordClassifier as KeywordClassifier
from carekit.feedback.sentiment import Sentiment as Sentiment
from carekit.feedback.sentiment import SentimentAccumulator as SentimentAccumulator
from carekit.feedback.sentiment import SentimentClassifier as SentimentClassifier
from carekit.feedback.sentiment import SentimentResult as SentimentResult
from carekit.feedback.sentiment import label_conversation as label_conversation
from carekit.feedback.sentiment import measure_sentiment as measure_sentiment
from carekit.feedback.surveys import SCORE_RANGES as SCORE_RANGES
from carekit.feedback.surveys import SurveyKind as SurveyKind
from carekit.feedback.surveys import SurveyResponse as SurveyResponse
from carekit.feedback.surveys import SurveySent as SurveySent
from carekit.feedback.surveys import credited_agent as credited_agent

__all__ = [
    "DEFAULT_RISK_BANDS",
    "DETRACTORS",
    "PROMOTERS",
    "SATISFIED",
    "SCORE_RANGES",
    "CommerceAccumulator",
    "CommerceSatisfaction",
    "ConversationSentiment",
    "CsatAccumulator",
    "CsatResult",
    "KeywordClassifier",
    "NpsAccumulator",
    "NpsResult",
    "RiskBands",
    "RiskLevel",
    "SatisfactionRiskPolicy",
    "Sentiment",
    "SentimentAccumulator",
    "SentimentClassifier",
    "SentimentResult",
    "SurveyKind",
    "SurveyResponse",
    "SurveySent",
    "assess_support",
    "credited_agent",
    "csat_by_agent",
    "label_conversation",
    "measure_commerce",
    "measure_csat",
    "measure_nps",
    "measure_sentiment",
]
