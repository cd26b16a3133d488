package main

import (
	"fmt"

	"github.com/otassess/otassess/assessment"
	"github.com/otassess/otassess/assessment/render"
	"github.com/otassess/otassess/bot"
)

// reportRenderer implements bot.Renderer over assessment/render, so the
// engine can attach reports and charts without importing excelize or the
// chart library.
type reportRenderer struct{}

var _ bot.Renderer = reportRenderer{}

// Report renders r as a file in format (md, html, xlsx, docx or json) and lang.
func (reportRenderer) Report(r *assessment.Report, format string, lang assessment.Lang) (bot.Attachment, error) {
	f, err := render.ParseFormat(format)
	if err != nil {
		return bot.Attachment{}, fmt.Errorf("render: %w", err)
	}
	data, err := render.Report(r, f, lang)
	if err != nil {
		return bot.Attachment{}, err
	}
	return bot.Attachment{Name: render.FileName(r, f, lang), MIME: f.MIME(), Data: data}, nil
}

// Chart draws r's radar chart as a PNG file in lang.
func (reportRenderer) Chart(r *assessment.Report, lang assessment.Lang) (bot.Attachment, error) {
	data, err := render.RadarPNG(r, lang)
	if err != nil {
		return bot.Attachment{}, err
	}
	return bot.Attachment{Name: render.ChartFileName(r), MIME: "image/png", Data: data}, nil
}
