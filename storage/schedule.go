package storage

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage/internal/sqldb"
)

const scheduleColumns = `engagement_id, every, weekday, at_minute, quiet_from, quiet_to,
	holidays, holiday_add, holiday_except, remind_days, people, next_ping, last_ping`

// Schedule returns an engagement's ping schedule, or an error wrapping
// bot.ErrNotFound when none was saved.
func (t *tx) Schedule(engagementID string) (bot.Schedule, error) {
	ss, err := t.schedules("WHERE engagement_id = ?", engagementID)
	if err != nil {
		return bot.Schedule{}, fmt.Errorf("storage: schedule of %s: %w", engagementID, err)
	}
	if len(ss) == 0 {
		return bot.Schedule{}, sqldb.NotFound("schedule of %s", engagementID)
	}
	return ss[0], nil
}

// SaveSchedule inserts or replaces an engagement's schedule.
func (t *tx) SaveSchedule(s bot.Schedule) error {
	if err := t.saveSchedule(s); err != nil {
		return fmt.Errorf("storage: save schedule of %s: %w", s.EngagementID, err)
	}
	return nil
}

func (t *tx) saveSchedule(s bot.Schedule) error {
	add, err := sqldb.JoinList(s.Holidays.Add)
	if err != nil {
		return err
	}
	except, err := sqldb.JoinList(s.Holidays.Except)
	if err != nil {
		return err
	}
	people := []byte("[]")
	if len(s.People) > 0 {
		if people, err = json.Marshal(s.People); err != nil {
			return err
		}
	}
	_, err = t.Exec(`INSERT INTO schedules (`+scheduleColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (engagement_id) DO UPDATE SET
			every = excluded.every, weekday = excluded.weekday, at_minute = excluded.at_minute,
			quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to, holidays = excluded.holidays,
			holiday_add = excluded.holiday_add, holiday_except = excluded.holiday_except,
			remind_days = excluded.remind_days, people = excluded.people,
			next_ping = excluded.next_ping, last_ping = excluded.last_ping`,
		s.EngagementID, string(s.Every), int(s.Weekday), int(s.At), int(s.Quiet.From), int(s.Quiet.To),
		s.Holidays.Base, add, except, s.RemindDays, string(people), optTime(s.NextPing), optTime(s.LastPing))
	return err
}

// SetTimezone changes an engagement's time zone; the caller checked the name.
func (t *tx) SetTimezone(engagementID, zone string) error {
	res, err := t.Exec("UPDATE engagements SET timezone = ? WHERE id = ?", zone, engagementID)
	if err != nil {
		return fmt.Errorf("storage: set time zone of %s: %w", engagementID, err)
	}
	return sqldb.MustAffect(res, "set time zone: engagement %s", engagementID)
}

// DueSchedules lists the schedules whose next ping is due at now, earliest first.
func (t *tx) DueSchedules(now time.Time) ([]bot.Schedule, error) {
	ss, err := t.schedules("WHERE next_ping != '' AND next_ping <= ? ORDER BY next_ping, engagement_id", sqldb.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("storage: due schedules: %w", err)
	}
	return ss, nil
}

// EngagementsToTend lists the ids of the engagements in the self
// assessment or review that the scheduler must look at: those without a
// schedule, and those with an open question that may be due a reminder.
func (t *tx) EngagementsToTend(now time.Time) ([]string, error) {
	rows, err := t.Query(t.D.Tend, sqldb.FormatTime(now.Add(-22*time.Hour)), sqldb.FormatTime(now),
		string(bot.StatusSelfAssessment), string(bot.StatusReview))
	if err != nil {
		return nil, fmt.Errorf("storage: engagements to tend: %w", err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: engagements to tend: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: engagements to tend: %w", err)
	}
	return ids, nil
}

// ClaimReminder records that a SPOC was reminded of the idle stretch that
// began at since, and reports whether that stretch was new: false means the
// reminder was sent before and must not be sent again.
func (t *tx) ClaimReminder(engagementID string, u bot.UserRef, since, at time.Time) (bool, error) {
	isNew, err := t.InsertOnce(`INSERT INTO reminders (engagement_id, platform, workspace, user_id, since, sent_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (engagement_id, platform, workspace, user_id)
		DO UPDATE SET since = excluded.since, sent_at = excluded.sent_at WHERE reminders.since != excluded.since`,
		engagementID, u.Platform, u.Workspace, u.ID, sqldb.FormatTime(since), sqldb.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("storage: claim reminder of %s/%s/%s in %s: %w", u.Platform, u.Workspace, u.ID, engagementID, err)
	}
	return isNew, nil
}

// schedules selects schedules with a WHERE/ORDER tail; never nil.
func (t *tx) schedules(tail string, args ...any) ([]bot.Schedule, error) {
	rows, err := t.Query("SELECT "+scheduleColumns+" FROM schedules "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ss := []bot.Schedule{}
	for rows.Next() {
		s, err := scanSchedule(rows)
		if err != nil {
			return nil, err
		}
		ss = append(ss, s)
	}
	return ss, rows.Err()
}

func scanSchedule(rows *sql.Rows) (bot.Schedule, error) {
	var s bot.Schedule
	var every, add, except, people, next, last string
	var weekday, at, from, to int
	err := rows.Scan(&s.EngagementID, &every, &weekday, &at, &from, &to,
		&s.Holidays.Base, &add, &except, &s.RemindDays, &people, &next, &last)
	if err != nil {
		return s, err
	}
	s.Every, s.Weekday, s.At = bot.PingEvery(every), time.Weekday(weekday), bot.DayTime(at)
	s.Quiet = bot.Quiet{From: bot.DayTime(from), To: bot.DayTime(to)}
	s.Holidays.Add, s.Holidays.Except = sqldb.SplitList[string](add), sqldb.SplitList[string](except)
	if err := json.Unmarshal([]byte(people), &s.People); err != nil {
		return s, fmt.Errorf("schedule of %s: people: %w", s.EngagementID, err)
	}
	if len(s.People) == 0 {
		s.People = nil
	}
	if s.NextPing, err = parseOptTime(next); err != nil {
		return s, fmt.Errorf("schedule of %s: %w", s.EngagementID, err)
	}
	if s.LastPing, err = parseOptTime(last); err != nil {
		return s, fmt.Errorf("schedule of %s: %w", s.EngagementID, err)
	}
	return s, nil
}

// optTime stores the zero time as "".
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return sqldb.FormatTime(t)
}

func parseOptTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return sqldb.ParseTime(s)
}
