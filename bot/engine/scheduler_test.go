package engine_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/bot/bottest"
	"github.com/otassess/otassess/bot/engine"
	"github.com/otassess/otassess/bot/outbox"
	"github.com/otassess/otassess/bot/scheduler"
	"github.com/otassess/otassess/storage"
)

var tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// jst is a moment in Tokyo, the engagements' default time zone.
func jst(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, month, day, hour, minute, 0, 0, tokyo)
}

// pingRig is a harness on a database file it can close and open again, as
// a restarted process would, with a scheduler over the engine.
type pingRig struct {
	*harness
	path  string
	sched *scheduler.Scheduler
}

func newPingRig(t *testing.T, start time.Time) *pingRig {
	t.Helper()
	r := newPingRigAt(t, start)
	r.path = filepath.Join(t.TempDir(), "otassess.db")
	r.open()
	t.Cleanup(func() {
		if err := r.db.Close(); err != nil {
			t.Error(err)
		}
	})
	return r
}

// newPingRigAt is a pingRig with its clock at start and no database yet.
func newPingRigAt(t *testing.T, start time.Time) *pingRig {
	t.Helper()
	reg, err := assessment.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	return &pingRig{harness: &harness{t: t, clock: bottest.NewClock(start.UTC()), rec: &recorder{}, packs: reg}}
}

// open opens the database file with a new engine, dispatcher and scheduler.
func (r *pingRig) open() {
	r.t.Helper()
	db, err := storage.Open(context.Background(), r.path)
	if err != nil {
		r.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r.db = db
	r.engine = engine.New(db, r.packs, r.clock, log, bot.Config{})
	r.disp = &outbox.Dispatcher{Store: db, Sender: r.rec, Platform: platform, Clock: r.clock, Log: log, Renderer: r.engine}
	r.sched = scheduler.New(r.engine, log, time.Minute)
}

// restart closes the database and opens it again: everything in memory is gone.
func (r *pingRig) restart() {
	r.t.Helper()
	if err := r.db.Close(); err != nil {
		r.t.Fatal(err)
	}
	r.open()
}

func (r *pingRig) at(t time.Time) { r.clock.Set(t.UTC()) }

// tick runs the scheduler once at t, delivers the outbox and returns what was sent.
func (r *pingRig) tick(t time.Time) []bot.Outgoing {
	r.t.Helper()
	r.at(t)
	if err := r.sched.Tick(context.Background()); err != nil {
		r.t.Fatalf("Tick at %s: %v", t, err)
	}
	if _, err := r.disp.Drain(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	return r.rec.take()
}

// answer presses value on q at the clock's time and returns the next question.
func (r *pingRig) answer(q *bot.Question, value string) *bot.Question {
	r.t.Helper()
	r.event(press(q, spoc, value))
	next := lastQuestion(r.rec.take())
	if next == nil {
		r.t.Fatalf("no question after answering %s", q.Item)
	}
	return next
}

func (r *pingRig) answerN(q *bot.Question, n int) *bot.Question {
	for range n {
		q = r.answer(q, "2")
	}
	return q
}

// pings are the messages among out that are progress pings to u.
func pings(out []bot.Outgoing, u bot.UserRef) []bot.Outgoing {
	var ps []bot.Outgoing
	for _, o := range out {
		if o.User == u && o.Conversation == "" && (strings.Contains(o.Reply.Text, "progress update (as of") || strings.Contains(o.Reply.Text, "進捗のお知らせ（")) {
			ps = append(ps, o)
		}
	}
	return ps
}

// wantPings checks that out holds n pings to the lead and nothing else for
// the lead or the engagement channel (reminders to the SPOC may be there).
func wantPings(t *testing.T, when string, out []bot.Outgoing, n int) []bot.Outgoing {
	t.Helper()
	var staff []bot.Outgoing
	for _, o := range out {
		if o.User == lead || o.Conversation == "C1" {
			staff = append(staff, o)
		}
	}
	ps := pings(staff, lead)
	if len(ps) != n || len(staff) != n {
		t.Fatalf("%s: %d pings to the lead among %d messages to the team, want %d:\n%s", when, len(ps), len(staff), n, texts(out))
	}
	return ps
}

func TestScheduler_RestartNeitherLosesNorRepeatsAPing(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0)) // a Monday
	q := r.setup("")
	q = r.answerN(q, 3)
	wantPings(t, "the day the self-assessment starts", r.tick(jst(11, 30, 10, 1)), 0)

	ps := wantPings(t, "Tuesday 09:00", r.tick(jst(12, 1, 9, 0)), 1)
	if !strings.Contains(ps[0].Reply.Text, "Answers since the start: 3") {
		t.Errorf("first ping:\n%s", ps[0].Reply.Text)
	}
	wantPings(t, "the same tick again", r.tick(jst(12, 1, 9, 0)), 0)
	r.restart()
	wantPings(t, "after a restart at the same time", r.tick(jst(12, 1, 9, 1)), 0)

	r.at(jst(12, 1, 10, 0))
	r.answerN(q, 2)
	r.restart() // down over Wednesday's 09:00 ping
	ps = wantPings(t, "back up on Wednesday at 11:30", r.tick(jst(12, 2, 11, 30)), 1)
	if !strings.Contains(ps[0].Reply.Text, "Answers since the last update: 2") {
		t.Errorf("caught-up ping:\n%s", ps[0].Reply.Text)
	}
	wantPings(t, "Wednesday afternoon", r.tick(jst(12, 2, 15, 0)), 0)
	r.restart()
	wantPings(t, "Thursday 08:59", r.tick(jst(12, 3, 8, 59)), 0)
	wantPings(t, "Thursday 09:00", r.tick(jst(12, 3, 9, 0)), 1)
}

func TestScheduler_QuietHoursPostponeThePing(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping quiet 08:30-10:00")
	if got := texts(r.rec.take()); !strings.Contains(got, "Next update: Tue 1 Dec 2026 10:00 JST") {
		t.Fatalf("ping quiet replied:\n%s", got)
	}
	wantPings(t, "09:00, in quiet hours", r.tick(jst(12, 1, 9, 0)), 0)
	wantPings(t, "09:59, in quiet hours", r.tick(jst(12, 1, 9, 59)), 0)
	wantPings(t, "10:00, when they end", r.tick(jst(12, 1, 10, 0)), 1)
	wantPings(t, "Wednesday 09:00, in quiet hours", r.tick(jst(12, 2, 9, 0)), 0)
	wantPings(t, "Wednesday 10:00", r.tick(jst(12, 2, 10, 0)), 1)
}

func TestScheduler_CaughtUpPingWaitsForQuietHoursToEnd(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping daily 19:00")
	r.channel(lead, "ping quiet 22:00-06:00")
	r.rec.take()
	r.restart() // down over Monday's 19:00 ping, back at 23:00
	wantPings(t, "23:00, in quiet hours", r.tick(jst(11, 30, 23, 0)), 0)
	wantPings(t, "Tuesday 05:59", r.tick(jst(12, 1, 5, 59)), 0)
	wantPings(t, "Tuesday 06:00, when they end", r.tick(jst(12, 1, 6, 0)), 1)
	wantPings(t, "Tuesday 19:00, the regular ping", r.tick(jst(12, 1, 19, 0)), 1)
}

func TestScheduler_CaughtUpPingJoinsASoonRegularOne(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping daily 18:00")
	r.channel(lead, "ping quiet 20:00-08:00")
	r.rec.take()
	r.restart() // down over Monday's 18:00 ping, back at 23:00
	wantPings(t, "23:00, in quiet hours", r.tick(jst(11, 30, 23, 0)), 0)
	// Quiet hours end at 08:00, ten hours before the next regular ping:
	// less than half a day, so the missed ping joins it.
	wantPings(t, "Tuesday 08:00", r.tick(jst(12, 1, 8, 0)), 0)
	wantPings(t, "Tuesday 18:00", r.tick(jst(12, 1, 18, 0)), 1)
}

func TestScheduler_SkipsTheWeekendAndAJapaneseHoliday(t *testing.T) {
	r := newPingRig(t, jst(11, 19, 10, 0)) // Thursday; Monday 23 November is Labour Thanksgiving Day
	q := r.setup("")
	r.answer(q, "2")
	r.tick(jst(11, 19, 10, 1))
	wantPings(t, "Friday", r.tick(jst(11, 20, 9, 0)), 1)
	for _, day := range []int{21, 22, 23} {
		wantPings(t, jst(11, day, 9, 0).Weekday().String()+" "+jst(11, day, 9, 0).Format("2 Jan"), r.tick(jst(11, day, 9, 0)), 0)
	}
	wantPings(t, "Tuesday after the holiday", r.tick(jst(11, 24, 9, 0)), 1)
}

func TestScheduler_HolidayListIsTheEngagementsToSet(t *testing.T) {
	r := newPingRig(t, jst(11, 19, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping holidays none")
	r.channel(lead, "ping holiday add 2026-11-20")
	r.rec.take()
	wantPings(t, "Friday, added as a day off", r.tick(jst(11, 20, 9, 0)), 0)
	wantPings(t, "Monday 23 November, a working day without the Japanese list", r.tick(jst(11, 23, 9, 0)), 1)
}

func TestScheduler_WeeklyPingOnItsDay(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	r.channel(lead, "ping weekly thu 16:00")
	r.rec.take()
	for _, day := range []int{1, 2} {
		wantPings(t, "a day that is not Thursday", r.tick(jst(12, day, 16, 0)), 0)
	}
	wantPings(t, "Thursday 16:00", r.tick(jst(12, 3, 16, 0)), 1)
	wantPings(t, "Friday", r.tick(jst(12, 4, 16, 0)), 0)
	wantPings(t, "the next Thursday", r.tick(jst(12, 10, 16, 0)), 1)
}

func TestScheduler_PingsDoNotRepeatMilestones(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	var posted []bot.Outgoing
	for range 8 { // 8 of 32 items: the 25 % milestone
		r.event(press(q, spoc, "2"))
		out := r.rec.take()
		q = lastQuestion(out)
		for _, o := range out {
			if o.Conversation == "C1" {
				posted = append(posted, o)
			}
		}
	}
	if len(posted) != 1 || !strings.Contains(posted[0].Reply.Text, "25% done") {
		t.Fatalf("the engine posted %d messages to the channel, want the 25%% milestone:\n%s", len(posted), texts(posted))
	}
	ps := wantPings(t, "the ping after the milestone", r.tick(jst(12, 1, 9, 0)), 1)
	if strings.Contains(ps[0].Reply.Text, "% done") {
		t.Errorf("the ping repeats the milestone:\n%s", ps[0].Reply.Text)
	}
}

func TestScheduler_StopsWhenTheSelfAssessmentIsComplete(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answerN(q, 31)
	wantPings(t, "Tuesday, one item open", r.tick(jst(12, 1, 9, 0)), 1)
	r.at(jst(12, 1, 10, 0))
	r.event(press(lastQuestionOf(r), spoc, "2"))
	r.rec.take()
	wantPings(t, "Wednesday, all answered", r.tick(jst(12, 2, 9, 0)), 0)
}

// lastQuestionOf is the question the SPOC was last sent, read from the store.
func lastQuestionOf(r *pingRig) *bot.Question {
	r.t.Helper()
	r.dm(spoc, "next")
	q := lastQuestion(r.rec.take())
	if q == nil {
		r.t.Fatal("next sent no question")
	}
	return q
}

func TestPing_Golden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := newPingRig(t, jst(11, 30, 10, 0))
			q := r.setup("")
			r.channel(lead, "lang "+lang)
			r.rec.take()
			q = r.answerN(q, 2)
			q = r.answer(q, "unsure")
			q = r.answer(q, "na")
			wantPings(t, "Tuesday", r.tick(jst(12, 1, 9, 0)), 1)
			r.at(jst(12, 1, 14, 0))
			r.answerN(q, 4)
			ps := wantPings(t, "Thursday", r.tick(jst(12, 3, 9, 0)), 1)
			golden(t, "ping_"+lang+".golden", ps[0].Reply.Text)
		})
	}
}

func TestScheduler_WithoutALeadThePingGoesToTheChannelInItsLanguages(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	r.channel(other, "new Plant B spoc:<@USPOC> lang:both") // the creator is an assessor, not a lead
	r.channel(other, "start")
	q := lastQuestion(r.acceptAll(r.rec.take()))
	r.answer(q, "2")
	out := r.tick(jst(12, 1, 9, 0))
	var posts []bot.Outgoing
	for _, o := range out {
		if o.Conversation == "C1" {
			posts = append(posts, o)
		}
	}
	if len(posts) != 1 || len(out) != 1 {
		t.Fatalf("the tick sent %d messages, %d to the channel, want the ping there:\n%s", len(out), len(posts), texts(out))
	}
	text := posts[0].Reply.Text
	ja, en := strings.Index(text, "Plant B：進捗のお知らせ"), strings.Index(text, "Plant B: progress update")
	if ja != 0 || en < 0 || !posts[0].Reply.Channel {
		t.Errorf("want the Japanese ping, then the English one, posted to the channel:\n%s", text)
	}
}

func TestScheduler_MovingThePingTimeDoesNotPingTwiceADay(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answer(q, "2")
	wantPings(t, "Tuesday 09:00", r.tick(jst(12, 1, 9, 0)), 1)
	r.at(jst(12, 1, 9, 10))
	r.channel(lead, "ping daily 09:30")
	if got := texts(r.rec.take()); !strings.Contains(got, "Next update: Wed 2 Dec 2026 09:30 JST") {
		t.Errorf("ping daily 09:30 replied:\n%s", got)
	}
	wantPings(t, "Tuesday 09:30", r.tick(jst(12, 1, 9, 30)), 0)
	wantPings(t, "Wednesday 09:30", r.tick(jst(12, 2, 9, 30)), 1)
}

// An assessor's first reassess moves the engagement to review; while the
// SPOC still has open items, the lead keeps getting pings and the SPOC
// reminders.
func TestScheduler_KeepsPingingInReviewWhileTheSelfRoundIsOpen(t *testing.T) {
	r := newPingRig(t, jst(11, 30, 10, 0))
	q := r.setup("")
	r.answerN(q, 10)
	r.channel(lead, "reassess 1-1 1 the budget is not approved")
	r.rec.take()
	wantPings(t, "Tuesday, in review with 22 items open", r.tick(jst(12, 1, 9, 0)), 1)
}
