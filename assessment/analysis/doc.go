// Package analysis is the risk-factor analysis of otassess: it ranks an
// engagement's gaps by business impact (item weight × distance to the
// target level, key items first, the assessors' re-evaluated level over the
// self-assessed one), groups related gaps, and drafts the findings a
// consultant reviews — improvements and good points, cited by item, in
// report style in both languages, quoting the assessors' on-site facts and
// the client's statements as such. It also holds the contract a language
// model's drafts must meet (CheckModelDrafts) and orders them as the
// ranking does.
//
// It is pure like assessment, which it imports and nothing else of
// otassess: no I/O, no clock, no model.
package analysis
