using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Rendering;

/// <summary>
/// The paper copy that is signed and stamped, as a Word document: A4 with the margins of 党政机关公文格式
/// (GB/T 9704), the title centred, 黑体 and 楷体 headings, 仿宋 body text, the tables as Word tables with the
/// template's merged cells, page numbers, and the agency name and date at the end for the signature and seal.
/// </summary>
public static class DocxRenderer
{
    private const string TitleStyle = "ReportTitle";
    private const string SubtitleStyle = "ReportSubtitle";
    private const string Heading1Style = "Heading1";
    private const string Heading2Style = "Heading2";
    private const string CaptionStyle = "TableCaption";
    private const string TableTextStyle = "TableText";
    private const string SignatureStyle = "Signature";

    private const string FangSong = "仿宋_GB2312";
    private const string SongTi = "宋体";
    private const string HeiTi = "黑体";
    private const string KaiTi = "楷体_GB2312";
    private const string Latin = "Times New Roman";

    // A4 in twentieths of a point, margins 37/35/28/26 mm.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int MarginTop = 2098;
    private const int MarginBottom = 1984;
    private const int MarginLeft = 1587;
    private const int MarginRight = 1474;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    public static byte[] Render(AnnualReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = Clean(report.Title);
            document.PackageProperties.Creator = Clean(report.AgencyName);
            document.PackageProperties.Language = "zh-CN";

            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = PageNumberFooter();

            var body = new Body();
            WriteReport(body, report);
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 992, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static void WriteReport(Body body, AnnualReport report)
    {
        body.Append(Paragraph(TitleStyle, report.AgencyName));
        body.Append(Paragraph(TitleStyle, ReportOutline.ReportName(report)));
        if (!string.IsNullOrEmpty(report.PublicationDate))
        {
            body.Append(Paragraph(SubtitleStyle, ReportOutline.PublicationDatePrefix + report.PublicationDate));
        }
        foreach (var paragraph in report.Opening.Paragraphs) body.Append(Paragraph(null, paragraph));

        body.Append(Paragraph(Heading1Style, ReportOutline.Section1Heading(report)));
        WriteNarrative(body, ReportOutline.Overview(report.Overview));

        body.Append(Paragraph(Heading1Style, ReportOutline.Section2Heading));
        foreach (var table in ReportTables.Section2(report)) WriteTable(body, table);

        body.Append(Paragraph(Heading1Style, ReportOutline.Section3Heading));
        WriteTable(body, ReportTables.Section3(report));

        body.Append(Paragraph(Heading1Style, ReportOutline.Section4Heading));
        WriteTable(body, ReportTables.Section4(report));

        body.Append(Paragraph(Heading1Style, ReportOutline.Section5Heading(report)));
        WriteNarrative(body, ReportOutline.ProblemsAndImprovements(report.ProblemsAndImprovements));

        body.Append(Paragraph(Heading1Style, ReportOutline.Section6Heading(report)));
        WriteNarrative(body, ReportOutline.OtherMatters(report.OtherMatters));

        // Room for the signature and the seal, then the agency and the date, right-aligned four characters in,
        // kept on the page of the last paragraph so the seal never stands alone on a page.
        var signature = new[]
        {
            body.Elements<Paragraph>().LastOrDefault(), Paragraph(null, ""), Paragraph(null, ""), Paragraph(SignatureStyle, report.AgencyName),
        };
        foreach (var paragraph in signature.OfType<Paragraph>())
        {
            paragraph.ParagraphProperties ??= new ParagraphProperties();
            paragraph.ParagraphProperties.KeepNext = new KeepNext();
            if (paragraph.Parent is null) body.Append(paragraph);
        }
        body.Append(Paragraph(SignatureStyle, SignatureDate(report.PublicationDate)));
    }

    /// <summary>"2025年1月20日" from an ISO date; the date as written otherwise; a blank line to fill in by hand when none.</summary>
    private static string SignatureDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date)) return "　　　　年　　月　　日";
        return DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? $"{d.Year}年{d.Month}月{d.Day}日"
            : date.Trim();
    }

    private static void WriteNarrative(Body body, IEnumerable<NarrativeLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.IsPartTitle)
            {
                body.Append(Paragraph(Heading2Style, line.Text));
                continue;
            }
            var paragraph = new Paragraph();
            if (line.LeadTitle is not null)
            {
                paragraph.Append(new Run(
                    new RunProperties(new RunFonts { EastAsia = KaiTi }, new Bold()),
                    TextOf(line.LeadTitle)));
            }
            paragraph.Append(new Run(TextOf(line.Text)));
            body.Append(paragraph);
        }
    }

    private static Paragraph Paragraph(string? style, string text)
    {
        var paragraph = new Paragraph();
        if (style is not null) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        if (text.Length > 0) paragraph.Append(new Run(TextOf(text)));
        return paragraph;
    }

    private static Text TextOf(string text) => new(Clean(text)) { Space = SpaceProcessingModeValues.Preserve };

    /// <summary>Characters XML cannot carry (control characters, lone surrogates) become U+FFFD rather than failing the document.</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text, i++, 2);
                continue;
            }
            clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
        }
        return clean.ToString();
    }

    // ───────────── Tables ─────────────

    private static int[] ColumnWidths(LayoutTable table) => table.Kind switch
    {
        "t3" => [720, 1080, TextWidth - 720 - 1080 - 7 * 640, 640, 640, 640, 640, 640, 640, 640],
        "t4" => Enumerable.Repeat(TextWidth / 15, 15).ToArray(),
        _ when table.Columns == 2 => [TextWidth * 2 / 5, TextWidth - TextWidth * 2 / 5],
        _ => [TextWidth - (table.Columns - 1) * (TextWidth * 3 / 4 / Math.Max(1, table.Columns - 1)),
              .. Enumerable.Repeat(TextWidth * 3 / 4 / Math.Max(1, table.Columns - 1), table.Columns - 1)],
    };

    private static void WriteTable(Body body, LayoutTable? layout)
    {
        if (layout is null) return;
        if (layout.Caption is not null) body.Append(Paragraph(CaptionStyle, layout.Caption));

        var widths = ColumnWidths(layout);
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        // Word merges down with a restarting cell and a "continue" cell in each row below it.
        var mergedDown = new (int Rows, int Span)[layout.Columns];
        foreach (var (row, isHeader) in layout.Header.Select(r => (r, true)).Concat(layout.Body.Select(r => (r, false))))
        {
            var rowProperties = new TableRowProperties(new CantSplit());
            if (isHeader) rowProperties.Append(new TableHeader());
            var tableRow = new TableRow(rowProperties);
            var column = 0;
            void ContinueMerges()
            {
                while (column < layout.Columns && mergedDown[column].Rows > 0)
                {
                    var span = mergedDown[column].Span;
                    tableRow.Append(TableCell("", Width(widths, column, span), span, new VerticalMerge(), alignLeft: false));
                    mergedDown[column].Rows--;
                    column += span;
                }
            }
            foreach (var cell in row.Cells)
            {
                ContinueMerges();
                var merge = cell.RowSpan > 1 ? new VerticalMerge { Val = MergedCellValues.Restart } : null;
                tableRow.Append(TableCell(cell.Text, Width(widths, column, cell.ColumnSpan), cell.ColumnSpan, merge, alignLeft: cell.Scope == "row" && !isHeader));
                if (cell.RowSpan > 1 && column < layout.Columns) mergedDown[column] = (cell.RowSpan - 1, cell.ColumnSpan);
                column += cell.ColumnSpan;
            }
            ContinueMerges();
            table.Append(tableRow);
        }
        body.Append(table);
        // Word needs a paragraph between consecutive tables, or it joins them.
        body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = TableTextStyle })));
    }

    private static int Width(int[] widths, int column, int span) => widths.Skip(column).Take(span).Sum();

    private static TableCell TableCell(string text, int width, int span, VerticalMerge? merge, bool alignLeft)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        if (merge is not null) properties.Append(merge);
        properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        var paragraph = Paragraph(TableTextStyle, text);
        if (alignLeft)
        {
            paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Left });
        }
        return new TableCell(properties, paragraph);
    }

    // ───────────── Styles and footer ─────────────

    private static RunFonts Fonts(string eastAsia) =>
        new() { Ascii = Latin, HighAnsi = Latin, ComplexScript = Latin, EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia };

    private static Style ParagraphStyle(string id, string name, string eastAsia, int halfPoints, JustificationValues justification,
        bool bold = false, bool indent = false, int? outline = null, bool exactLines = true, int? rightIndentChars = null)
    {
        var paragraph = new StyleParagraphProperties();
        if (outline is not null) paragraph.Append(new KeepNext());
        paragraph.Append(exactLines
            ? new SpacingBetweenLines { Before = "0", After = "0", Line = "560", LineRule = LineSpacingRuleValues.Exact }
            : new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto });
        var indentation = indent ? new Indentation { FirstLineChars = 200, FirstLine = "640" } : new Indentation { FirstLineChars = 0, FirstLine = "0" };
        if (rightIndentChars is { } chars)
        {
            indentation.RightChars = chars * 100;
            indentation.Right = (chars * 320).ToString(CultureInfo.InvariantCulture);
        }
        paragraph.Append(indentation, new Justification { Val = justification });
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });

        var run = new StyleRunProperties(Fonts(eastAsia));
        if (bold) run.Append(new Bold());
        run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });

        return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new PrimaryStyle(), paragraph, run)
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }

    private static Styles Styles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(FangSong),
                new FontSize { Val = "32" },
                new FontSizeComplexScript { Val = "32" },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "560", LineRule = LineSpacingRuleValues.Exact })));

        var normal = new Style(
            new StyleName { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new Indentation { FirstLineChars = 200, FirstLine = "640" }, new Justification { Val = JustificationValues.Both }),
            new StyleRunProperties(Fonts(FangSong)))
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };

        return new Styles(
            defaults,
            normal,
            ParagraphStyle(TitleStyle, "Report Title", SongTi, 44, JustificationValues.Center, bold: true, exactLines: false),
            ParagraphStyle(SubtitleStyle, "Report Subtitle", KaiTi, 32, JustificationValues.Center),
            ParagraphStyle(Heading1Style, "heading 1", HeiTi, 32, JustificationValues.Both, indent: true, outline: 0),
            ParagraphStyle(Heading2Style, "heading 2", KaiTi, 32, JustificationValues.Both, bold: true, indent: true, outline: 1),
            ParagraphStyle(CaptionStyle, "Table Caption", HeiTi, 24, JustificationValues.Left, exactLines: false),
            ParagraphStyle(TableTextStyle, "Table Text", SongTi, 18, JustificationValues.Center, exactLines: false),
            ParagraphStyle(SignatureStyle, "Signature", FangSong, 32, JustificationValues.Right, rightIndentChars: 4));
    }

    /// <summary>"— 1 —" centred at the foot of each page, as official documents number pages.</summary>
    private static Footer PageNumberFooter() => new(new Paragraph(
        new ParagraphProperties(new Indentation { FirstLine = "0", FirstLineChars = 0 }, new Justification { Val = JustificationValues.Center }),
        new Run(new RunProperties(Fonts(SongTi), new FontSize { Val = "28" }), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
        new SimpleField(new Run(new RunProperties(Fonts(SongTi), new FontSize { Val = "28" }), new Text("1"))) { Instruction = " PAGE " },
        new Run(new RunProperties(Fonts(SongTi), new FontSize { Val = "28" }), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
}
