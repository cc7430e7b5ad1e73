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
/// The body is read as it streams from the zip (<see cref="OfficeXmlReader"/>), without a tree of it: the OpenXml SDK's
/// object model, the framework's XML tree, and even a tree of only the elements used, cost more than the reading
/// itself, and a batch check reads thousands. The small parts (relationships, styles) are read as trees.
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
    /// What the reader uses of the relationships and styles: the attributes below, and of a style only its paragraph
    /// properties and basedOn (not its run and table properties, most of a styles part).
    /// </summary>
    private static readonly OfficeXmlShape PartShape = new(
        [.. WordNamespaces, MarkupCompatibility, Relationships],
        Skips: static (ns, name) => name is "rPr" or "tblPr" or "trPr" or "tcPr" or "tblStylePr" or "name" or "uiPriority" or "rsid"
            && (ns == WordNamespaces[0] || ns == WordNamespaces[1]),
        KeepsAttribute: static name => name is "val" or "styleId" or "type" or "default" or "Type" or "Target" or "TargetMode");

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
            try
            {
                var mainName = Target(parts, "", "_rels/.rels", "/officeDocument");
                if (mainName is null || !parts.TryGetValue(mainName, out var mainEntry)) throw NotWord();
                using var stream = mainEntry.Open();
                using var reader = OfficeXmlReader.Open(stream, mainEntry.Length, PartShape.Known);
                reader.Read();
                var w = Array.Find(WordNamespaces, n => reader.Namespace == n && reader.LocalName == "document") ?? throw NotWord();
                var body = new BodyReader(reader, w, new StyleJustification(w, Styles(parts, mainName)));
                return body.Document();
            }
            catch (XmlException ex)
            {
                throw new InvalidDataException($"Word 文档（DOCX）的正文无法解析：{ex.Message}", ex);
            }
        }
    }

    private static InvalidDataException NotWord() => new("不是可以读取的 Word 文档（DOCX）：其中没有 Word 文档的正文部分。");

    /// <summary>The styles part of the main part, null when there is none or it does not read.</summary>
    private static OfficeXmlElement? Styles(Dictionary<string, ZipArchiveEntry> parts, string mainName)
    {
        try
        {
            var folder = mainName[..(mainName.LastIndexOf('/') + 1)];
            var stylesName = Target(parts, folder, $"{folder}_rels/{mainName[folder.Length..]}.rels", "/styles");
            return stylesName is not null && parts.TryGetValue(stylesName, out var stylesEntry) ? Load(stylesEntry) : null;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            // Styles only tell which paragraphs are right-aligned; a body that reads is read without them.
            return null;
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

    /// <summary>
    /// Reads the body as it streams from <see cref="OfficeXmlReader"/>: each method is called on an element's start and
    /// returns after its end. A table is read as a grid of data until a table shows up inside it; then it lays the page
    /// out, and the reader goes back to its start to read its cells in order as parts of the body.
    /// </summary>
    private sealed class BodyReader(OfficeXmlReader reader, string w, StyleJustification justification)
    {
        private readonly List<(ReportBlock Block, bool RightAligned)> _blocks = [];
        private readonly StringBuilder _line = new();
        private readonly List<string> _lines = [];
        private readonly StringBuilder _cell = new();
        private int _paragraphs;
        private int _tables;

        /// <summary>A table is being read as a grid: a table inside it stops the reading (<see cref="_layout"/>).</summary>
        private bool _inGrid;

        private bool _layout;

        /// <summary>The first pPr of the paragraph read: its jc and pStyle values.</summary>
        private (bool Seen, string? Justification, string? Style) _properties;

        /// <summary>Reads the document from its root's start to the end of the part; returns the body's blocks.</summary>
        public List<ReportBlock> Document()
        {
            var sawBody = false;
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!sawBody && reader.Namespace == w && reader.LocalName == "body")
                {
                    sawBody = true;
                    Container();
                }
                else
                {
                    Skip();
                }
            }
            while (reader.Read())
            {
                // Past the root's end the reader only checks that nothing else follows.
            }
            if (!sawBody) throw new InvalidDataException("Word 文档（DOCX）没有正文。");
            return Blocks();
        }

        /// <summary>The blocks, without the right-aligned lines at the end (the signature and date under the seal).</summary>
        private List<ReportBlock> Blocks()
        {
            var end = _blocks.Count;
            while (end > 0 && _blocks[end - 1] is { RightAligned: true, Block: TextBlock }) end--;
            var blocks = new List<ReportBlock>(end);
            for (var i = 0; i < end; i++) blocks.Add(_blocks[i].Block);
            return blocks;
        }

        /// <summary>The next node; false at the end, or at a table inside the table read as a grid.</summary>
        private bool Next()
        {
            if (_layout || !reader.Read()) return false;
            if (_inGrid && reader.Node == OfficeXmlNode.StartElement && reader.LocalName == "tbl" && reader.Namespace == w) _layout = true;
            return !_layout;
        }

        /// <summary>Whether the node read is Word's element <paramref name="localName"/>.</summary>
        private bool At(string localName) => reader.LocalName == localName && reader.Namespace == w;

        /// <summary>Reads past the end of the element started.</summary>
        private void Skip()
        {
            var depth = 1;
            while (Next())
            {
                if (reader.Node == OfficeXmlNode.StartElement) depth++;
                else if (reader.Node == OfficeXmlNode.EndElement && --depth == 0) return;
            }
        }

        /// <summary>The body, a layout table's cell, a content control's content: paragraphs and tables in order.</summary>
        private void Container()
        {
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (reader.Namespace == w)
                {
                    switch (reader.LocalName)
                    {
                        case "p":
                            Paragraph();
                            continue;
                        case "tbl":
                            Table();
                            continue;
                        case "sdt":
                            ContentControl();
                            continue;
                        case "customXml":
                            Container();
                            continue;
                    }
                }
                Skip();
            }
        }

        private void ContentControl()
        {
            var read = false;
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!read && At("sdtContent"))
                {
                    read = true;
                    Container();
                }
                else
                {
                    Skip();
                }
            }
        }

        private void Paragraph()
        {
            _line.Clear();
            _lines.Clear();
            _properties = default;
            Content(new TextLines(_line, _lines), inRun: false, inParagraph: true);
            _lines.Add(_line.ToString());
            string? where = null;
            var right = false;
            foreach (var text in _lines)
            {
                var line = HtmlText.Normalize(text);
                if (line.Length == 0) continue;
                if (where is null)
                {
                    where = $"第{++_paragraphs}段";
                    right = justification.IsRight(_properties.Justification, _properties.Style);
                }
                _blocks.Add((new TextBlock(line, _blocks.Count, where), right));
            }
        }

        /// <summary>
        /// Reads what the element started holds as printed: the text of its runs, with breaks ending lines; deleted
        /// text, field codes, drawings and the alternatives of markup compatibility are not text.
        /// </summary>
        private void Content(TextLines lines, bool inRun, bool inParagraph)
        {
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (reader.Namespace == w)
                {
                    switch (reader.LocalName)
                    {
                        case "t" when inRun:
                            RunText(lines.Line);
                            continue;
                        case "tab" or "ptab" when inRun:
                            lines.Line.Append(' ');
                            Skip();
                            continue;
                        case "noBreakHyphen" when inRun:
                            lines.Line.Append('-');
                            Skip();
                            continue;
                        case "br" or "cr" when inRun:
                            lines.Break();
                            Skip();
                            continue;
                        case "pPr" when inParagraph && !_properties.Seen:
                            ParagraphProperties();
                            continue;
                        case "del" or "drawing" or "pict" or "object" or "instrText" or "delText" or "pPr" or "rPr":
                            Skip();
                            continue;
                    }
                }
                else if (reader.Namespace == MarkupCompatibility && reader.LocalName == "AlternateContent")
                {
                    Skip();
                    continue;
                }
                Content(lines, inRun: At("r"), inParagraph: false);
            }
        }

        /// <summary>The text of a w:t: its text nodes (an element inside it is not Word's markup, nor its text).</summary>
        private void RunText(StringBuilder line)
        {
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node == OfficeXmlNode.Text) line.Append(reader.Text);
                else Skip();
            }
        }

        private void ParagraphProperties()
        {
            _properties = (true, null, null);
            var (sawJustification, sawStyle) = (false, false);
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!sawJustification && At("jc"))
                {
                    sawJustification = true;
                    _properties.Justification = reader.Attribute(w, "val");
                }
                else if (!sawStyle && At("pStyle"))
                {
                    sawStyle = true;
                    _properties.Style = reader.Attribute(w, "val");
                }
                Skip();
            }
        }

        private void Table()
        {
            var start = reader.Mark();
            _inGrid = true;
            var grid = Grid();
            _inGrid = false;
            if (!_layout)
            {
                var where = $"第{++_tables}个表格";
                _blocks.Add((new TableBlock(grid, _blocks.Count, where, row => $"{where}第{row + 1}行"), false));
                return;
            }
            _layout = false;
            reader.Reread(start);
            reader.Read();
            LayoutTable();
        }

        /// <summary>A table that holds tables lays the page out: its cells are read in order.</summary>
        private void LayoutTable()
        {
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!At("tr"))
                {
                    Skip();
                    continue;
                }
                while (Next() && reader.Node != OfficeXmlNode.EndElement)
                {
                    if (reader.Node != OfficeXmlNode.StartElement) continue;
                    if (At("tc")) Container();
                    else Skip();
                }
            }
        }

        /// <summary>A cell of a row as read, placed in the grid when the row ends.</summary>
        private readonly record struct RowCell(string Text, int Span, bool Continues);

        /// <summary>
        /// The table's grid: each cell at the grid columns it covers (after the row's gridBefore, across its gridSpan);
        /// a vMerge continuation is the cell that starts above it, spanning one more row.
        /// </summary>
        private HtmlTableGrid Grid()
        {
            var slots = new List<GridCellBuilder?[]>();
            var row = new List<GridCellBuilder?>();
            var cells = new List<RowCell>();
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!At("tr"))
                {
                    Skip();
                    continue;
                }
                cells.Clear();
                var skip = TableRow(cells);
                var r = slots.Count;
                row.Clear();
                for (var i = 0; i < skip; i++) row.Add(null);
                foreach (var cell in cells)
                {
                    var column = row.Count;
                    var above = r > 0 && column < slots[r - 1].Length ? slots[r - 1][column] : null;
                    GridCellBuilder slot;
                    if (cell.Continues && above is not null)
                    {
                        slot = above;
                        slot.RowSpan++;
                    }
                    else
                    {
                        slot = new GridCellBuilder(cell.Text, r, column, cell.Span);
                    }
                    for (var i = 0; i < cell.Span; i++) row.Add(slot);
                }
                slots.Add([.. row]);
            }
            var grid = new List<HtmlGridCell?[]>(slots.Count);
            foreach (var builders in slots)
            {
                var gridRow = new HtmlGridCell?[builders.Length];
                for (var i = 0; i < builders.Length; i++) gridRow[i] = builders[i]?.ToCell();
                grid.Add(gridRow);
            }
            return HtmlTableGrid.FromSlots(grid);
        }

        /// <summary>Reads a row's cells; returns its gridBefore (the grid columns left empty before its first cell).</summary>
        private int TableRow(List<RowCell> cells)
        {
            int? skip = null;
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (skip is null && At("trPr")) skip = IntValueOf("gridBefore", 0);
                else if (At("tc")) cells.Add(TableCell());
                else Skip();
            }
            // An absurd count would only fill memory with empty columns.
            return Math.Clamp(skip ?? 0, 0, 1000);
        }

        /// <summary>The value of the first <paramref name="localName"/> in the properties element started, as a number.</summary>
        private int IntValueOf(string localName, int missing)
        {
            var value = missing;
            var seen = false;
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!seen && At(localName))
                {
                    seen = true;
                    value = IntVal(reader.Attribute(w, "val"), missing);
                }
                Skip();
            }
            return value;
        }

        /// <summary>A cell: its span and merge from the first tcPr, its text the lines of its paragraphs joined by "\n".</summary>
        private RowCell TableCell()
        {
            var span = 1;
            var continues = false;
            var sawProperties = false;
            var paragraphs = 0;
            _cell.Clear();
            var lines = new TextLines(_cell);
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!sawProperties && At("tcPr"))
                {
                    sawProperties = true;
                    (span, continues) = CellProperties();
                }
                else if (At("p"))
                {
                    if (paragraphs++ > 0) lines.Break();
                    Content(lines, inRun: false, inParagraph: false);
                }
                else
                {
                    Skip();
                }
            }
            return new RowCell(HtmlText.Normalize(_cell.ToString()), span, continues);
        }

        private (int Span, bool Continues) CellProperties()
        {
            var span = 1;
            var continues = false;
            var (sawSpan, sawMerge) = (false, false);
            while (Next() && reader.Node != OfficeXmlNode.EndElement)
            {
                if (reader.Node != OfficeXmlNode.StartElement) continue;
                if (!sawSpan && At("gridSpan"))
                {
                    sawSpan = true;
                    span = Math.Clamp(IntVal(reader.Attribute(w, "val"), 1), 1, 1000);
                }
                else if (!sawMerge && At("vMerge"))
                {
                    sawMerge = true;
                    continues = reader.Attribute(w, "val") is null or "continue";
                }
                Skip();
            }
            return (span, continues);
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

    private static int IntVal(string? value, int missing) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : missing;

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

        /// <summary>Whether a paragraph with these values of its own jc and pStyle is right-aligned.</summary>
        public bool IsRight(string? justification, string? style) => (justification ?? OfStyle(style ?? _default)) is "right" or "end";

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
