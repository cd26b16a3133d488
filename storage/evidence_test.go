package storage_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/otassess/otassess/bot"
	"github.com/otassess/otassess/storage"
	"github.com/otassess/otassess/storage/storagetest"
)

func evidenceFixture(tb testing.TB) (file, note bot.Evidence) {
	file = bot.NewEvidenceFile("panel.png", []byte("\x89PNG\r\n\x1a\nnot really"))
	file.EngagementID, file.Item, file.Author, file.AuthorName, file.At = "e1", "3-5", spoc, "Sato", t0
	note = bot.Evidence{EngagementID: "e1", Item: bot.SiteItem, Kind: bot.EvidenceNote, Author: lead, Text: "USB ports are taped", At: t0.Add(1)}
	return file, note
}

func TestEvidence_KeepsFilesAndNotesInOrderAndTheBytesApart(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1", "e2")
		file, note := evidenceFixture(t)
		var fileID int64
		update(t, db, func(tx bot.Tx) error {
			var err error
			if fileID, err = tx.AddEvidence(file); err != nil {
				return err
			}
			_, err = tx.AddEvidence(note)
			return err
		})
		list := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.Evidence, error) { return tx.EvidenceOf("e1") })
		if len(list) != 2 {
			t.Fatalf("evidence of e1: %d rows, want 2", len(list))
		}
		got := list[0]
		if got.Item != "3-5" || got.Name != "panel.png" || got.MIME != "image/png" || got.Size != len(file.Data) ||
			got.SHA256 != file.SHA256 || got.Author != spoc || got.AuthorName != "Sato" || !got.At.Equal(t0) || got.Data != nil {
			t.Errorf("file row read back as %+v", got)
		}
		if list[1].Kind != bot.EvidenceNote || list[1].Text != note.Text || list[1].Item != bot.SiteItem {
			t.Errorf("note row read back as %+v", list[1])
		}
		data := storagetest.Read(t, db, func(tx bot.Tx) ([]byte, error) { return tx.EvidenceData(fileID) })
		if !bytes.Equal(data, file.Data) {
			t.Errorf("EvidenceData = %q, want the posted bytes", data)
		}
		if other := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.Evidence, error) { return tx.EvidenceOf("e2") }); len(other) != 0 {
			t.Errorf("e2 has %d evidence rows, want none", len(other))
		}
	})
}

func TestEvidence_RefusesAnEmptyNoteAndAFileWithoutItsBytes(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		file, note := evidenceFixture(t)
		note.Text = ""
		file.Size++ // the bytes are not what the size says
		for _, e := range []bot.Evidence{note, file} {
			err := db.Update(context.Background(), func(tx bot.Tx) error { _, err := tx.AddEvidence(e); return err })
			if err == nil {
				t.Errorf("stored %s evidence that breaks the table's check", e.Kind)
			}
		}
	})
}

func TestPurge_DeletesTheEngagementsEvidence(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		create(t, db, "e1")
		file, note := evidenceFixture(t)
		update(t, db, func(tx bot.Tx) error {
			if _, err := tx.AddEvidence(file); err != nil {
				return err
			}
			_, err := tx.AddEvidence(note)
			return err
		})
		if err := db.Purge(context.Background(), "e1"); err != nil {
			t.Fatal(err)
		}
		if left := storagetest.Read(t, db, func(tx bot.Tx) ([]bot.Evidence, error) { return tx.EvidenceOf("e1") }); len(left) != 0 {
			t.Errorf("%d evidence rows left after the purge, want 0", len(left))
		}
	})
}

func TestEvidence_KeepsAnEmptyFile(t *testing.T) {
	db := storagetest.Open(t)
	create(t, db, "e1")
	file, _ := evidenceFixture(t)
	empty := bot.NewEvidenceFile("blank.txt", nil)
	empty.EngagementID, empty.Item, empty.Author, empty.At = file.EngagementID, file.Item, file.Author, file.At
	var id int64
	update(t, db, func(tx bot.Tx) (err error) { id, err = tx.AddEvidence(empty); return err })
	data := storagetest.Read(t, db, func(tx bot.Tx) ([]byte, error) { return tx.EvidenceData(id) })
	if len(data) != 0 {
		t.Errorf("EvidenceData of an empty file = %q", data)
	}
}
