// Package assign is the delegation room: staff give ranges of items to
// plant staff (assign 3-1..3-8,2-4 @it-lead), who become delegates and are
// asked only those items; assign … spoc gives items back to the SPOCs.
// The room reads the command, records who holds what and tells the
// channel; the engine then moves whoever was shown an item that is no
// longer theirs and asks the new holders to accept. Status lists who
// answers what, with each holder's progress.
package assign
