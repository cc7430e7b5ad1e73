using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoDisclosure.Reports.Import;

namespace InfoDisclosure.Reports.Tests.Import.Reference;

/// <summary>
/// The DOCX reader as it was on the OpenXml SDK's object model (functions/InfoDisclosure.Reports/Import/DocxImporter.cs
/// at 97013df), kept as the reference the XML reader must agree with, block for block
/// (<see cref="DocxReaderDifferentialTests"/>).
/// </summary>
internal static class OpenXmlDocxReader
{
    public static List<ReportBlock> Blocks(Stream docx)
    {
        if (!docx.CanSeek)
        {
            var copy = new MemoryStream();
            docx.CopyTo(copy);
            copy.Position = 0;
            docx = copy;
        }
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(docx, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or System.Xml.XmlException)
        {
            throw new InvalidDataException($"不是可以读取的 Word 文档（DOCX）：{ex.Message}", ex);
        }
        using (document)
        {
            var main = document.MainDocumentPart;
            Body? body;
            try
            {
                body = main?.Document?.Body;
            }
            catch (System.Xml.XmlException ex)
            {
                throw new InvalidDataException($"Word 文档（DOCX）的正文无法解析：{ex.Message}", ex);
            }
            if (body is null) throw new InvalidDataException("Word 文档（DOCX）没有正文。");
            var reader = new Reader(new StyleJustification(main!.StyleDefinitionsPart?.Styles));
            reader.Walk(body);
            return reader.Blocks();
        }
    }

    private sealed class Reader(StyleJustification justification)
    {
        private readonly List<(ReportBlock Block, bool RightAligned)> _blocks = [];
        private int _paragraphs;
        private int _tables;

        /// <summary>The blocks, without the right-aligned lines at the end (the signature and date under the seal).</summary>
        public List<ReportBlock> Blocks()
        {
            var end = _blocks.Count;
            while (end > 0 && _blocks[end - 1] is { RightAligned: true, Block: TextBlock }) end--;
            return _blocks.Take(end).Select(b => b.Block).ToList();
        }

        public void Walk(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph paragraph:
                        AddParagraph(paragraph);
                        break;
                    case Table table when table.Descendants<Table>().Any():
                        // A table that holds tables lays the page out: its cells are read in order.
                        foreach (var cell in table.Elements<TableRow>().SelectMany(r => r.Elements<TableCell>())) Walk(cell);
                        break;
                    case Table table:
                        AddTable(table);
                        break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                        Walk(content);
                        break;
                    case CustomXmlBlock custom:
                        Walk(custom);
                        break;
                }
            }
        }

        private void AddParagraph(Paragraph paragraph)
        {
            var lines = Lines(paragraph).Select(HtmlText.Normalize).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0) return;
            var where = $"第{++_paragraphs}段";
            var right = justification.IsRight(paragraph);
            foreach (var line in lines) _blocks.Add((new TextBlock(line, _blocks.Count, where), right));
        }

        private void AddTable(Table table)
        {
            var where = $"第{++_tables}个表格";
            _blocks.Add((new TableBlock(Grid(table), _blocks.Count, where, row => $"{where}第{row + 1}行"), false));
        }
    }

    /// <summary>A cell as the grid is built: its rows grow while vMerge continues it below.</summary>
    private sealed class GridCellBuilder(string text, int row, int column, int columnSpan)
    {
        public int RowSpan { get; set; } = 1;

        public HtmlGridCell ToCell() => new(text, row, column, RowSpan, columnSpan);
    }

    /// <summary>
    /// The table's grid: each cell at the grid columns it covers (after the row's gridBefore, across its gridSpan); a
    /// vMerge continuation is the cell that starts above it, spanning one more row.
    /// </summary>
    private static HtmlTableGrid Grid(Table table)
    {
        var slots = new List<List<GridCellBuilder?>>();
        foreach (var (tableRow, r) in table.Elements<TableRow>().Select((row, i) => (row, i)))
        {
            var row = new List<GridCellBuilder?>();
            var skip = tableRow.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            for (var i = 0; i < skip; i++) row.Add(null);
            foreach (var cell in tableRow.Elements<TableCell>())
            {
                var properties = cell.TableCellProperties;
                var span = Math.Clamp(properties?.GridSpan?.Val?.Value ?? 1, 1, 1000);
                var merge = properties?.VerticalMerge;
                var column = row.Count;
                var above = r > 0 && column < slots[r - 1].Count ? slots[r - 1][column] : null;
                GridCellBuilder slot;
                if (merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue) && above is not null)
                {
                    slot = above;
                    slot.RowSpan++;
                }
                else
                {
                    slot = new GridCellBuilder(CellText(cell), r, column, span);
                }
                for (var i = 0; i < span; i++) row.Add(slot);
            }
            slots.Add(row);
        }
        var cells = new Dictionary<GridCellBuilder, HtmlGridCell>(ReferenceEqualityComparer.Instance);
        return HtmlTableGrid.FromSlots(slots
            .Select(row => row.Select(b => b is null ? null : cells.TryGetValue(b, out var c) ? c : cells[b] = b.ToCell()).ToArray())
            .ToList());
    }

    private static string CellText(TableCell cell) =>
        HtmlText.Normalize(string.Join("\n", cell.Elements<Paragraph>().SelectMany(Lines)));

    /// <summary>The lines of a paragraph as printed: its text with breaks ending lines; deleted text, field codes and drawings are not text.</summary>
    private static List<string> Lines(Paragraph paragraph)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        void Read(OpenXmlElement element)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case Text text:
                        line.Append(text.Text);
                        break;
                    case TabChar or PositionalTab:
                        line.Append(' ');
                        break;
                    case NoBreakHyphen:
                        line.Append('-');
                        break;
                    case Break or CarriageReturn:
                        lines.Add(line.ToString());
                        line.Clear();
                        break;
                    case DeletedRun or Drawing or Picture or EmbeddedObject or AlternateContent or FieldCode or DeletedText or ParagraphProperties or RunProperties:
                        break;
                    default:
                        Read(child);
                        break;
                }
            }
        }
        Read(paragraph);
        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>Whether a paragraph is right-aligned, by its own properties or its style's (following basedOn).</summary>
    private sealed class StyleJustification(Styles? styles)
    {
        private readonly Dictionary<string, Style> _styles = styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null).GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First()) ?? [];

        private readonly string? _default = styles?.Elements<Style>()
            .FirstOrDefault(s => s.Type?.Value == StyleValues.Paragraph && s.Default?.Value == true)?.StyleId?.Value;

        public bool IsRight(Paragraph paragraph)
        {
            var own = paragraph.ParagraphProperties?.Justification?.Val;
            var value = own?.Value ?? OfStyle(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? _default);
            return value is { } v && (v == JustificationValues.Right || v == JustificationValues.End);
        }

        private JustificationValues? OfStyle(string? id)
        {
            for (var depth = 0; id is not null && depth < 20 && _styles.TryGetValue(id, out var style); depth++)
            {
                if (style.StyleParagraphProperties?.Justification?.Val?.Value is { } value) return value;
                id = style.BasedOn?.Val?.Value;
            }
            return null;
        }
    }
}
