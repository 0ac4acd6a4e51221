# Statistics tables (`stats` blocks) and inline figures (`{{stat …}}`).
# Arguments: $n is the site's `suppress_below` (10 by default), $max is $n - 1.

# Shown instead of a count from 1 to $max.
stats-fewer-than = fewer than { $n }
# Shown instead of a count hidden so that a small one cannot be worked out.
stats-hidden = not shown
# Heading of the total row and column.
stats-total = Total
# Heading of the count column in a one-way table.
stats-count = Number
# Notes under a table, after the marks * and †.
stats-note-primary = Fewer than { $n }: the exact number is not shown, so that no child can be identified.
stats-note-secondary = Not shown, because the hidden numbers could otherwise be worked out from the others.
# "Figures as of: 30 June 2026. Source: …"
stats-as-of = Figures as of
stats-source = Source
# Start of the chart's accessible name: "Bar chart: Children in care".
stats-chart = Bar chart
# Instead of the date, when the source gives none.
stats-undated = No date is given for these figures
