package render

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/otassess/otassess/assessment"
)

// DOCXReport renders the report as a Word document (Office Open XML) that
// a consultant finishes in Word or LibreOffice: the same blocks as the HTML
// page, the radar chart embedded, the assessing firm in the footer and
// document properties, and the author as the document's creator. No
// maintained pure-Go DOCX writer resolves for this module, so the package
// parts are written here with archive/zip and encoding/xml escaping.
func DOCXReport(r *assessment.Report, lang assessment.Lang) ([]byte, error) {
	png, err := RadarPNG(r, lang)
	if err != nil {
		return nil, err
	}
	d := &docxWriter{}
	body := d.body(document(r, lang))
	title := label(lang, "title") + " — " + r.Engagement.Name
	meta := docxMeta{title: title, subject: r.Engagement.Name + " (" + r.Engagement.ID + ")", author: r.Engagement.Author,
		firm: r.Engagement.Firm, at: r.AsOf, lang: lang}
	return docxPackage(meta, body, append([]docxMedia{{name: "media/chart.png", rid: "rIdChart", data: png}}, d.media...))
}

// docxMeta is what a document's properties and footer say: its title
// (also in the footer), subject, author, the firm (the company, first in
// the footer) and when it was made.
type docxMeta struct {
	title, subject, author, firm string
	at                           time.Time
	lang                         assessment.Lang
}

// docxPackage zips a document's parts: the body, its styles, properties
// and footer, and its pictures.
func docxPackage(m docxMeta, body string, media []docxMedia) ([]byte, error) {
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRootRels)},
		{"docProps/core.xml", []byte(docxCore(m))},
		{"docProps/app.xml", []byte(docxApp(m.firm))},
		{"word/_rels/document.xml.rels", []byte(docxDocRels(media))},
		{"word/document.xml", []byte(docxDocument(body))},
		{"word/styles.xml", []byte(docxStyles(m.lang))},
		{"word/settings.xml", []byte(docxSettings(m.lang))},
		{"word/footer1.xml", []byte(docxFooter(m))},
	}
	for _, md := range media {
		parts = append(parts, struct {
			name string
			data []byte
		}{"word/" + md.name, md.data})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: m.at})
		if err != nil {
			return nil, fmt.Errorf("render: docx: %w", err)
		}
		if _, err := w.Write(p.data); err != nil {
			return nil, fmt.Errorf("render: docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("render: docx: %w", err)
	}
	return buf.Bytes(), nil
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>`

const docxRootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>`

const docxDocRelsHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
`

// docxDocRels are the document's relationships: its parts and each
// picture (charts and evidence thumbnails).
func docxDocRels(media []docxMedia) string {
	var b strings.Builder
	b.WriteString(docxDocRelsHead)
	for _, m := range media {
		b.WriteString(`<Relationship Id="` + m.rid + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="` + m.name + `"/>` + "\n")
	}
	b.WriteString(`</Relationships>`)
	return b.String()
}

// docxCore is the document's core properties: title, the author as its
// creator, the engagement as its subject, and when it was made.
func docxCore(m docxMeta) string {
	at := m.at.UTC().Format(time.RFC3339)
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(m.title) + `</dc:title>` +
		`<dc:subject>` + esc(m.subject) + `</dc:subject>` +
		`<dc:creator>` + esc(m.author) + `</dc:creator>` +
		`<cp:lastModifiedBy>` + esc(m.author) + `</cp:lastModifiedBy>` +
		`<dc:language>` + string(m.lang.Primary()) + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// docxApp is the extended properties: the assessing firm as the company.
func docxApp(firm string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>otassess</Application><Company>` +
		esc(firm) + `</Company></Properties>`
}

func docxSettings(lang assessment.Lang) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
}

// docxFooter names the firm and the report on every page, with the page
// number.
func docxFooter(m docxMeta) string {
	text := m.title
	if m.firm != "" {
		text = m.firm + " · " + text
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		run(text+"  ", "") +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`</w:p></w:ftr>`
}

// docxDocument wraps the body with the A4 page set-up and the footer.
func docxDocument(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` +
		body +
		`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1021" w:bottom="1134" w:left="1021" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`
}

// docxStyles defines the styles the body uses; Japanese text takes an East
// Asian font that Word and LibreOffice have or substitute.
func docxStyles(lang assessment.Lang) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Yu Gothic" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/>` +
		`<w:lang w:val="` + docxLangTag(lang) + `" w:eastAsia="ja-JP"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range []struct{ id, name, ppr, rpr string }{
		{"Normal", "Normal", "", ""},
		{"Title", "Title", `<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="2B6CB0"/></w:pBdr><w:spacing w:after="240"/>`, `<w:b/><w:sz w:val="36"/>`},
		{"Heading1", "heading 1", `<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>`, `<w:b/><w:color w:val="2B6CB0"/><w:sz w:val="28"/>`},
		{"Heading2", "heading 2", `<w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/>`, `<w:b/><w:sz w:val="22"/>`},
		{"Note", "Note", "", `<w:color w:val="4A5568"/><w:sz w:val="18"/>`},
		{"Caption", "caption", `<w:jc w:val="center"/>`, `<w:color w:val="4A5568"/><w:sz w:val="18"/>`},
		{"Footer", "footer", `<w:jc w:val="center"/>`, `<w:color w:val="718096"/><w:sz w:val="16"/>`},
		{"TableText", "Table Text", `<w:spacing w:after="0"/>`, `<w:sz w:val="18"/>`},
	} {
		fmt.Fprintf(&b, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>%s</w:pPr><w:rPr>%s</w:rPr></w:style>`, s.id, s.name, s.ppr, s.rpr)
	}
	b.WriteString(`<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:color="A0AEC0"/><w:left w:val="single" w:sz="4" w:color="A0AEC0"/><w:bottom w:val="single" w:sz="4" w:color="A0AEC0"/>` +
		`<w:right w:val="single" w:sz="4" w:color="A0AEC0"/><w:insideH w:val="single" w:sz="4" w:color="A0AEC0"/><w:insideV w:val="single" w:sz="4" w:color="A0AEC0"/>` +
		`</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}

func docxLangTag(lang assessment.Lang) string {
	if lang == assessment.EN {
		return "en-US"
	}
	return "ja-JP"
}
