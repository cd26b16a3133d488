package bot

// FollowupTx links a follow-up engagement to the one it follows.
type FollowupTx interface {
	SetPrevious(engagementID, previousID string) error
	// PreviousOf is the id of the engagement that one follows, "" for none.
	PreviousOf(engagementID string) (string, error)
}
