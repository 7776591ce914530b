"""The evidence: a record's facts and citations, their HTML, the Compare table, the article reader."""
