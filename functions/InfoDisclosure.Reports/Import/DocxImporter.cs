using System.IO.Compression;
using System.Text;
using System.Xml;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Imports a report published as a Word document (DOCX): the body's paragraphs and headings as lines of text, its
/// tables, merged cells (gridSpan, vMerge) included, as grids, read as every published format is
/// (<see cref="BlockImporter"/>). Paragraphs are named "第n段" (counting those with text), tables "第n个表格" and
/// their rows "第n个表格第m行". The agency and date printed right-aligned at the end for the seal are no part of
/// the report's text and are left out.
/// The document and its styles are read straight from the zip by <see cref="OfficeXml"/>, without an XML DOM: the
/// OpenXml SDK's object model, and even the framework's XML tree, cost more than the reading itself, and a batch check
/// reads thousands.
/// </summary>
public static class DocxImporter
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a Word document.</summary>
    public static ImportResult Import(Stream docx) => BlockImporter.Import(BlockImporter.ReportOnly(Blocks(docx)));

    private const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>WordprocessingML as Word writes it (transitional) and in ISO strict form.</summary>
    private static readonly string[] WordNamespaces =
    [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ];

    private const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    /// <summary>
    /// What the reader uses of the parts: the text of w:t; the attributes below; not the run and table properties,
    /// the cell, row and paragraph properties other than merges, gridBefore, styles and alignment, section properties
    /// and bookmarks, which are most of a Word body's markup (a cell's width and alignment alone are two elements).
    /// </summary>
    private static readonly OfficeXmlShape PartShape = new(
        [.. WordNamespaces, MarkupCompatibility, Relationships],
        KeepsText: static (ns, name) => name == "t" && IsWord(ns),
        Skips: static (ns, name) => name is "rPr" or "tblPr" or "tblGrid" or "sectPr" or "proofErr" or "bookmarkStart" or "bookmarkEnd"
            or "tcW" or "vAlign" or "shd" or "tcBorders" or "tcMar" or "noWrap" or "cantSplit" or "tblHeader" or "trHeight"
            or "spacing" or "ind" or "keepNext" or "keepLines" or "widowControl" or "snapToGrid" && IsWord(ns),
        KeepsAttribute: static name => name is "val" or "styleId" or "type" or "default" or "Type" or "Target" or "TargetMode");

    private static bool IsWord(string ns) => ns == WordNamespaces[0] || ns == WordNamespaces[1];

    /// <summary>The body's blocks in reading order.</summary>
    internal static List<ReportBlock> Blocks(Stream docx)
    {
        if (!docx.CanSeek)
        {
            var copy = new MemoryStream();
            docx.CopyTo(copy);
            copy.Position = 0;
            docx = copy;
        }
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(docx, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"不是可以读取的 Word 文档（DOCX）：{ex.Message}", ex);
        }
        using (zip)
        {
            var parts = zip.Entries.GroupBy(e => e.FullName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            OfficeXmlElement? document = null;
            string? mainName = null;
            try
            {
                mainName = Target(parts, "", "_rels/.rels", "/officeDocument");
                if (mainName is not null && parts.TryGetValue(mainName, out var mainEntry)) document = Load(mainEntry);
            }
            catch (XmlException ex)
            {
                throw new InvalidDataException($"Word 文档（DOCX）的正文无法解析：{ex.Message}", ex);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"不是可以读取的 Word 文档（DOCX）：{ex.Message}", ex);
            }
            var w = document is null ? null : Array.Find(WordNamespaces, n => document.Is(n, "document"));
            if (document is null || w is null) throw new InvalidDataException("不是可以读取的 Word 文档（DOCX）：其中没有 Word 文档的正文部分。");
            var body = document.Element(w, "body") ?? throw new InvalidDataException("Word 文档（DOCX）没有正文。");

            OfficeXmlElement? styles = null;
            try
            {
                var folder = mainName![..(mainName!.LastIndexOf('/') + 1)];
                var stylesName = Target(parts, folder, $"{folder}_rels/{mainName[folder.Length..]}.rels", "/styles");
                if (stylesName is not null && parts.TryGetValue(stylesName, out var stylesEntry)) styles = Load(stylesEntry);
            }
            catch (Exception ex) when (ex is XmlException or InvalidDataException)
            {
                // Styles only tell which paragraphs are right-aligned; a body that reads is read without them.
                styles = null;
            }
            var reader = new Reader(w, new StyleJustification(w, styles));
            reader.Walk(body);
            return reader.Blocks();
        }
    }

    private static OfficeXmlElement Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return OfficeXml.Read(stream, entry.Length, PartShape);
    }

    /// <summary>
    /// The part a relationship of the given type (by the end of its URI, as transitional and strict documents name it)
    /// points to, resolved against <paramref name="folder"/>; null when there is none.
    /// </summary>
    private static string? Target(Dictionary<string, ZipArchiveEntry> parts, string folder, string relationshipsPart, string typeEnd)
    {
        if (!parts.TryGetValue(relationshipsPart, out var entry)) return null;
        var target = Load(entry).Elements(Relationships, "Relationship")
            .Where(r => r.Attribute("", "Type")?.EndsWith(typeEnd, StringComparison.Ordinal) == true && r.Attribute("", "TargetMode") != "External")
            .Select(r => r.Attribute("", "Target"))
            .FirstOrDefault(t => t is not null);
        if (target is null) return null;
        var path = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var segments = new List<string>();
        foreach (var segment in (path.StartsWith('/') ? path : folder + path).Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    private sealed class Reader(string w, StyleJustification justification)
    {
        private readonly List<(ReportBlock Block, bool RightAligned)> _blocks = [];
        private readonly StringBuilder _line = new();
        private int _paragraphs;
        private int _tables;

        /// <summary>The blocks, without the right-aligned lines at the end (the signature and date under the seal).</summary>
        public List<ReportBlock> Blocks()
        {
            var end = _blocks.Count;
            while (end > 0 && _blocks[end - 1] is { RightAligned: true, Block: TextBlock }) end--;
            return _blocks.Take(end).Select(b => b.Block).ToList();
        }

        public void Walk(OfficeXmlElement container)
        {
            foreach (var child in container.Children)
            {
                if (child.Namespace != w) continue;
                switch (child.LocalName)
                {
                    case "p":
                        AddParagraph(child);
                        break;
                    case "tbl" when child.HasDescendant(w, "tbl"):
                        // A table that holds tables lays the page out: its cells are read in order.
                        foreach (var cell in child.Elements(w, "tr").SelectMany(r => r.Elements(w, "tc"))) Walk(cell);
                        break;
                    case "tbl":
                        AddTable(child);
                        break;
                    case "sdt" when child.Element(w, "sdtContent") is { } content:
                        Walk(content);
                        break;
                    case "customXml":
                        Walk(child);
                        break;
                }
            }
        }

        private void AddParagraph(OfficeXmlElement paragraph)
        {
            string? where = null;
            var right = false;
            foreach (var text in Lines(w, paragraph, _line))
            {
                var line = HtmlText.Normalize(text);
                if (line.Length == 0) continue;
                if (where is null)
                {
                    where = $"第{++_paragraphs}段";
                    right = justification.IsRight(paragraph);
                }
                _blocks.Add((new TextBlock(line, _blocks.Count, where), right));
            }
        }

        private void AddTable(OfficeXmlElement table)
        {
            var where = $"第{++_tables}个表格";
            _blocks.Add((new TableBlock(Grid(w, table), _blocks.Count, where, row => $"{where}第{row + 1}行"), false));
        }
    }

    /// <summary>A cell as the grid is built: its rows grow while vMerge continues it below.</summary>
    private sealed class GridCellBuilder(string text, int row, int column, int columnSpan)
    {
        private HtmlGridCell? _cell;

        public int RowSpan { get; set; } = 1;

        /// <summary>The cell once the grid is complete; the same cell for every slot it covers.</summary>
        public HtmlGridCell ToCell() => _cell ??= new(text, row, column, RowSpan, columnSpan);
    }

    private static string? Val(string w, OfficeXmlElement? element) => element?.Attribute(w, "val");

    private static int IntVal(string w, OfficeXmlElement? element, int missing) =>
        int.TryParse(Val(w, element), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : missing;

    /// <summary>
    /// The table's grid: each cell at the grid columns it covers (after the row's gridBefore, across its gridSpan); a
    /// vMerge continuation is the cell that starts above it, spanning one more row.
    /// </summary>
    private static HtmlTableGrid Grid(string w, OfficeXmlElement table)
    {
        var slots = new List<List<GridCellBuilder?>>();
        foreach (var (tableRow, r) in table.Elements(w, "tr").Select((row, i) => (row, i)))
        {
            var row = new List<GridCellBuilder?>();
            var skip = IntVal(w, tableRow.Element(w, "trPr")?.Element(w, "gridBefore"), 0);
            for (var i = 0; i < skip; i++) row.Add(null);
            foreach (var cell in tableRow.Elements(w, "tc"))
            {
                var properties = cell.Element(w, "tcPr");
                var span = Math.Clamp(IntVal(w, properties?.Element(w, "gridSpan"), 1), 1, 1000);
                var merge = properties?.Element(w, "vMerge");
                var column = row.Count;
                var above = r > 0 && column < slots[r - 1].Count ? slots[r - 1][column] : null;
                GridCellBuilder slot;
                if (merge is not null && Val(w, merge) is null or "continue" && above is not null)
                {
                    slot = above;
                    slot.RowSpan++;
                }
                else
                {
                    slot = new GridCellBuilder(CellText(w, cell), r, column, span);
                }
                for (var i = 0; i < span; i++) row.Add(slot);
            }
            slots.Add(row);
        }
        return HtmlTableGrid.FromSlots(slots.Select(row => row.Select(b => b?.ToCell()).ToArray()).ToList());
    }

    /// <summary>The cell's text: the lines of all its paragraphs joined by "\n".</summary>
    private static string CellText(string w, OfficeXmlElement cell)
    {
        var text = new StringBuilder();
        var lines = new TextLines(text);
        var first = true;
        foreach (var paragraph in cell.Elements(w, "p"))
        {
            if (!first) lines.Break();
            first = false;
            Read(w, paragraph, lines);
        }
        return HtmlText.Normalize(text.ToString());
    }

    /// <summary>The lines of a paragraph as printed (<see cref="Read"/>), read with <paramref name="line"/>.</summary>
    private static List<string> Lines(string w, OfficeXmlElement paragraph, StringBuilder line)
    {
        var lines = new List<string>();
        line.Clear();
        Read(w, paragraph, new TextLines(line, lines));
        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>
    /// Where a paragraph's text goes: into one builder with "\n" for each break (a cell's text), or into a list of
    /// lines, the builder holding the line being read.
    /// </summary>
    private sealed class TextLines(StringBuilder line, List<string>? lines = null)
    {
        public StringBuilder Line { get; } = line;

        public void Break()
        {
            if (lines is null)
            {
                Line.Append('\n');
                return;
            }
            lines.Add(Line.ToString());
            Line.Clear();
        }
    }

    /// <summary>
    /// Reads a paragraph as printed: the text of its runs, with breaks ending lines; deleted text, field codes, drawings
    /// and the alternatives of markup compatibility are not text.
    /// </summary>
    private static void Read(string w, OfficeXmlElement paragraph, TextLines lines)
    {
        void Read(OfficeXmlElement element)
        {
            var inRun = element.Is(w, "r");
            foreach (var child in element.Children)
            {
                if (child.Namespace == w)
                {
                    switch (child.LocalName)
                    {
                        case "t" when inRun:
                            lines.Line.Append(child.Text);
                            continue;
                        case "tab" or "ptab" when inRun:
                            lines.Line.Append(' ');
                            continue;
                        case "noBreakHyphen" when inRun:
                            lines.Line.Append('-');
                            continue;
                        case "br" or "cr" when inRun:
                            lines.Break();
                            continue;
                        case "del" or "drawing" or "pict" or "object" or "instrText" or "delText" or "pPr" or "rPr":
                            continue;
                    }
                }
                else if (child.Is(MarkupCompatibility, "AlternateContent"))
                {
                    continue;
                }
                Read(child);
            }
        }
        Read(paragraph);
    }

    /// <summary>Whether a paragraph is right-aligned, by its own properties or its style's (following basedOn).</summary>
    private sealed class StyleJustification
    {
        private readonly string _w;
        private readonly Dictionary<string, OfficeXmlElement> _styles = [];
        private readonly string? _default;

        public StyleJustification(string w, OfficeXmlElement? styles)
        {
            _w = w;
            if (styles is null) return;
            foreach (var style in styles.Elements(w, "style"))
            {
                if (style.Attribute(w, "styleId") is { } id) _styles.TryAdd(id, style);
            }
            _default = styles.Elements(w, "style")
                .FirstOrDefault(s => s.Attribute(w, "type") == "paragraph" && s.Attribute(w, "default") is "1" or "true" or "on")
                ?.Attribute(w, "styleId");
        }

        public bool IsRight(OfficeXmlElement paragraph)
        {
            var properties = paragraph.Element(_w, "pPr");
            var value = Val(_w, properties?.Element(_w, "jc")) ?? OfStyle(Val(_w, properties?.Element(_w, "pStyle")) ?? _default);
            return value is "right" or "end";
        }

        private string? OfStyle(string? id)
        {
            for (var depth = 0; id is not null && depth < 20 && _styles.TryGetValue(id, out var style); depth++)
            {
                if (Val(_w, style.Element(_w, "pPr")?.Element(_w, "jc")) is { } value) return value;
                id = Val(_w, style.Element(_w, "basedOn"));
            }
            return null;
        }
    }
}
