from typing import Literal

ConversationSentimentSentiment = Literal["MIXED", "NEGATIVE", "NEUTRAL", "POSITIVE"]

CONVERSATION_SENTIMENT_SENTIMENT_VALUES: set[ConversationSentimentSentiment] = {
    "MIXED",
    "NEGATIVE",
    "NEUTRAL",
    "POSITIVE",
}


def check_conversation_sentiment_sentiment(value: str) -> ConversationSentimentSentiment:
    if value in CONVERSATION_SENTIMENT_SENTIMENT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONVERSATION_SENTIMENT_SENTIMENT_VALUES!r}")
