// Package catalogue is the AMIF 2021–2027 programme as typed values: specific objectives,
// measures, actions, allocations, the common indicators with their consistency rules, and the
// milestones and targets.
//
// The values live as reviewable CSV files in data/programme, embedded in the binary and checked
// when they are loaded, so that a managing authority corrects the programme without touching code.
package catalogue
