"""Routing and assignment: rules → queue and priority, language matching by
BCP 47 tag, and deterministic assignment over a snapshot of agents."""

from carekit.routing.agents import Agent as Agent
from carekit.routing.agents import Assigned as Assigned
from carekit.routing.agents import Assignment as Assignment
from carekit.routing.agents import AssignmentRequest as AssignmentRequest
from carekit.routing.agents import Queued as Queued
from carekit.routing.assignment import AssignmentRun as AssignmentRun
from carekit.routing.assignment import AssignmentStrategy as AssignmentStrategy
from carekit.routing.assignment import LanguageMatch as LanguageMatch
from carekit.routing.assignment import LeastLoaded as LeastLoaded
from carekit.routing.assignment import Pick as Pick
from carekit.routing.assignment import RoundRobin as RoundRobin
from carekit.routing.assignment import SkillMatch as SkillMatch
from carekit.routing.assignment import assign as assign
from carekit.routing.assignment import assign_all as assign_all
from carekit.routing.assignment import eligible_agents as eligible_agents
from carekit.routing.detection import CallerSupplied as CallerSupplied
from carekit.routing.detection import LangidDetector as LangidDetector
from carekit.routing.detection import LanguageDetector as LanguageDetector
from carekit.routing.detection import detect_language as detect_language
from carekit.routing.languages import LanguageFit as LanguageFit
from carekit.routing.languages import base_language as base_language
from carekit.routing.languages import language_match as language_match
from carekit.routing.rules import CaseFacts as CaseFacts
from carekit.routing.rules import CustomerAttribute as CustomerAttribute
from carekit.routing.rules import RoutingDecision as RoutingDecision
from carekit.routing.rules import RoutingPolicy as RoutingPolicy
from carekit.routing.rules import RoutingRule as RoutingRule
from carekit.routing.rules import RoutingRules as RoutingRules
from carekit.routing.rules import route as route

__all__ = [
    "Agent",
    "Assigned",
    "Assignment",
    "AssignmentRequest",
    "AssignmentRun",
    "AssignmentStrategy",
    "CallerSupplied",
    "CaseFacts",
    "CustomerAttribute",
    "LangidDetector",
    "LanguageDetector",
    "LanguageFit",
    "LanguageMatch",
    "LeastLoaded",
    "Pick",
    "Queued",
    "RoundRobin",
    "RoutingDecision",
    "RoutingPolicy",
    "RoutingRule",
    "RoutingRules",
    "SkillMatch",
    "assign",
    "assign_all",
    "base_language",
    "detect_language",
    "eligible_agents",
    "language_match",
    "route",
]
