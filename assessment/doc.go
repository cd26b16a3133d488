// Package assessment is the pure domain of otassess: checklist packs and their
// validation, the answer scale, the meti-selfcheck scoring profile (and the
// provisional estimate a report shows while items are open), findings, the
// countermeasure plan, evidence, and the report model (BuildReport) that
// assessment/render turns into files. The ranking of gaps and the drafting of
// findings live in assessment/analysis.
//
// It performs no I/O beyond reading pack bytes it is handed, reads no clock and
// makes no network call, so every function here is deterministic and a language
// model can never decide a score.
package assessment
