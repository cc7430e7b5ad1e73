using System.Text;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Imports a report published as a PDF from its text layer: the letters with their positions, and the cell borders
/// the page draws. A table is rebuilt from its borders (a border missing between two slots merges them, as a rowspan
/// or colspan does) and its letters placed in the cells; the rest is lines of text grouped by baseline, joined into
/// paragraphs where a line runs to the right edge and the next starts at the left margin. The blocks are read as every
/// published format is (<see cref="BlockImporter"/>). Lines are named "第n页第m行", tables "第n页第m个表格".
/// A PDF without a single letter (a scan) gives one IMPORT.SCANNED error.
/// </summary>
public static class PdfImporter
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a PDF.</summary>
    public static ImportResult Import(byte[] pdf)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"不是可以读取的 PDF 文件：{ex.Message}", ex);
        }
        using (document)
        {
            var pieces = new List<Piece>();
            var letters = 0;
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                var pageLetters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
                letters += pageLetters.Count;
                pieces.AddRange(ReadPage(n, page, pageLetters));
            }
            if (letters == 0)
            {
                return new ImportResult(new AnnualReport(), [new Finding(Rules.ImportScanned, Severity.Error, "全文",
                    $"PDF 的{document.NumberOfPages}页中没有文字层（可能是扫描件或图片），无法读取内容。请提供带文字的 PDF、Word 文档或网页。")]);
            }
            return BlockImporter.Import(Blocks(pieces));
        }
    }

    public static ImportResult Import(Stream pdf)
    {
        using var copy = new MemoryStream();
        pdf.CopyTo(copy);
        return Import(copy.ToArray());
    }

    /// <summary>A line of text or a table of one page, top to bottom.</summary>
    private abstract record Piece(int Page, double Top);

    /// <summary><paramref name="FirstWord"/>: the width of what the line could not have been broken before (a word, a character and its closing punctuation).</summary>
    private sealed record LinePiece(int Page, double Top, string Text, double Left, double Right, double Size, double FirstWord) : Piece(Page, Top);

    private sealed record TablePiece(int Page, double Top, HtmlTableGrid Grid) : Piece(Page, Top);

    private static IEnumerable<Piece> ReadPage(int number, Page page, List<Letter> letters)
    {
        var tables = Tables(page).ToList();
        var inTable = new bool[letters.Count];
        var pieces = new List<Piece>();
        foreach (var table in tables)
        {
            var grid = table.Grid(letters, inTable);
            if (grid is not null) pieces.Add(new TablePiece(number, table.Top, grid));
        }
        var free = letters.Where((_, i) => !inTable[i]).ToList();
        foreach (var line in Lines(free))
        {
            var text = LineText(line);
            if (text.Length == 0) continue;
            pieces.Add(new LinePiece(number, line[0].StartBaseLine.Y + line[0].PointSize, text,
                line[0].StartBaseLine.X, line[^1].EndBaseLine.X, line.Max(l => l.PointSize), FirstWordWidth(line)));
        }
        return pieces.OrderByDescending(p => p.Top);
    }

    /// <summary>
    /// The blocks in reading order: a line joins the one above into a paragraph when it starts at the left margin in
    /// the same size and its first word would not have fitted at the end of the line above (so the line was wrapped),
    /// unless it is a section heading.
    /// </summary>
    private static List<ReportBlock> Blocks(List<Piece> pieces)
    {
        var lines = pieces.OfType<LinePiece>().ToList();
        var left = lines.Count == 0 ? 0 : lines.Min(l => l.Left);
        var right = lines.Count == 0 ? 0 : lines.Max(l => l.Right);
        var spaced = SpacesBetweenScripts(lines);
        var blocks = new List<ReportBlock>();
        var paragraph = new StringBuilder();
        LinePiece? first = null;
        LinePiece? last = null;
        var lineOfPage = 0;
        var tableOfPage = 0;
        var page = 0;
        void Flush()
        {
            if (first is null) return;
            var text = HtmlText.Normalize(paragraph.ToString());
            if (text.Length > 0) blocks.Add(new TextBlock(text, blocks.Count, $"第{first.Page}页第{lineOfPage}行"));
            paragraph.Clear();
            first = last = null;
        }
        foreach (var piece in pieces)
        {
            if (piece.Page != page)
            {
                page = piece.Page;
                lineOfPage = tableOfPage = 0;
            }
            switch (piece)
            {
                case TablePiece table:
                    Flush();
                    var where = $"第{table.Page}页第{++tableOfPage}个表格";
                    blocks.Add(new TableBlock(table.Grid, blocks.Count, where, row => $"{where}第{row + 1}行"));
                    break;
                case LinePiece line:
                    var continues = last is not null
                        && last.Right + line.FirstWord > right - 0.3 * line.Size
                        && line.Left <= left + 0.5 * line.Size
                        && Math.Abs(line.Size - last.Size) < 0.5
                        && !LabelMatching.TryParseSectionHeading(line.Text, out _, out _);
                    if (!continues)
                    {
                        Flush();
                        first = line;
                        lineOfPage++;
                    }
                    else
                    {
                        lineOfPage++;
                        // A wrap between Chinese and a Latin word or number hides whether a space was there: as elsewhere in the document.
                        if (spaced && paragraph.Length > 1 && Mixed(paragraph[^2], line.Text[0])) paragraph[^1] = ' ';
                    }
                    paragraph.Append(line.Text).Append('\n');
                    last = line;
                    break;
            }
        }
        Flush();
        return blocks;
    }

    /// <summary>Punctuation a line may not start with: it stays with the character before it.</summary>
    private const string Closing = "，。、；：？！”’）》」』】〕…,.;:?!)]%";

    /// <summary>Punctuation a line may not end with: it goes down with the character after it.</summary>
    private const string Opening = "“‘（《「『【〔([";

    private static double FirstWordWidth(List<Letter> line)
    {
        var end = 0;
        while (end + 1 < line.Count && Opening.Contains(line[end].Value, StringComparison.Ordinal)) end++;
        if (line[0].Value.Length > 0 && char.IsAscii(line[0].Value[0]))
        {
            while (end + 1 < line.Count && line[end + 1].Value.Length > 0 && char.IsAscii(line[end + 1].Value[0])
                   && line[end + 1].StartBaseLine.X - line[end].EndBaseLine.X <= line[end].PointSize * SpaceGap) end++;
        }
        while (end + 1 < line.Count && Closing.Contains(line[end + 1].Value, StringComparison.Ordinal)) end++;
        return line[end].EndBaseLine.X - line[0].StartBaseLine.X;
    }

    private static bool IsLatin(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static bool Mixed(char before, char after) => IsChinese(before) && IsLatin(after) || IsLatin(before) && IsChinese(after);

    /// <summary>Whether the document's lines mostly put a space between a Chinese character and a Latin word or number.</summary>
    private static bool SpacesBetweenScripts(List<LinePiece> lines)
    {
        int spaced = 0, joined = 0;
        foreach (var line in lines)
        {
            var text = line.Text;
            for (var i = 1; i < text.Length; i++)
            {
                if (Mixed(text[i - 1], text[i])) joined++;
                else if (i >= 2 && text[i - 1] == ' ' && Mixed(text[i - 2], text[i])) spaced++;
            }
        }
        return spaced > joined;
    }

    /// <summary>Letters grouped into lines by baseline (top to bottom), each line left to right.</summary>
    private static List<List<Letter>> Lines(IEnumerable<Letter> letters)
    {
        var lines = new List<List<Letter>>();
        foreach (var letter in letters.OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X))
        {
            var line = lines.Count > 0 ? lines[^1] : null;
            if (line is not null && Math.Abs(line[0].StartBaseLine.Y - letter.StartBaseLine.Y) <= 0.3 * Math.Max(letter.PointSize, 1))
            {
                line.Add(letter);
            }
            else
            {
                lines.Add([letter]);
            }
        }
        foreach (var line in lines) line.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
        return lines;
    }

    /// <summary>A gap between letters, as a share of their size, that is a space the text layer left out.</summary>
    private const double SpaceGap = 0.15;

    /// <summary>A line's text, with the spaces its gaps show.</summary>
    private static string LineText(List<Letter> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Count; i++)
        {
            if (i > 0 && line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X > line[i].PointSize * SpaceGap) text.Append(' ');
            text.Append(line[i].Value);
        }
        return text.ToString().Trim();
    }

    /// <summary>A thin filled or stroked rectangle: a cell border as a browser or a word processor prints it.</summary>
    private sealed record Rule(double Left, double Bottom, double Right, double Top)
    {
        public bool IsVertical => Right - Left < Top - Bottom;

        public bool Touches(Rule other, double slack) =>
            Left - slack <= other.Right && other.Left - slack <= Right && Bottom - slack <= other.Top && other.Bottom - slack <= Top;
    }

    private const double Thin = 2.5;

    private static IEnumerable<TableFrame> Tables(Page page)
    {
        var rules = new List<Rule>();
        foreach (var path in page.Paths)
        {
            if (!path.IsFilled && !path.IsStroked) continue;
            foreach (var subpath in path)
            {
                if (subpath.GetBoundingRectangle() is not { } box) continue;
                var (width, height) = (box.Right - box.Left, box.Top - box.Bottom);
                if (width <= Thin && height > Thin || height <= Thin && width > Thin)
                {
                    rules.Add(new Rule(box.Left, box.Bottom, box.Right, box.Top));
                }
                else if (path.IsStroked && width > Thin && height > Thin && IsRectangle(subpath))
                {
                    // A cell drawn as a stroked rectangle: its four sides.
                    rules.Add(new Rule(box.Left, box.Bottom, box.Left, box.Top));
                    rules.Add(new Rule(box.Right, box.Bottom, box.Right, box.Top));
                    rules.Add(new Rule(box.Left, box.Bottom, box.Right, box.Bottom));
                    rules.Add(new Rule(box.Left, box.Top, box.Right, box.Top));
                }
            }
        }
        // Rules that touch belong to one table.
        var parent = Enumerable.Range(0, rules.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                if (rules[i].Touches(rules[j], 1.0)) parent[Find(i)] = Find(j);
            }
        }
        return Enumerable.Range(0, rules.Count).GroupBy(Find)
            .Select(g => new TableFrame(g.Select(i => rules[i]).ToList()))
            .Where(t => t.IsTable);
    }

    private static bool IsRectangle(PdfSubpath subpath) =>
        subpath.Commands.Count(c => c is PdfSubpath.Line) is 3 or 4 && subpath.Commands.All(c => c is PdfSubpath.Move or PdfSubpath.Line or PdfSubpath.Close);

    /// <summary>A table's borders: the column and row edges, and which edges are drawn between which slots.</summary>
    private sealed class TableFrame
    {
        private readonly List<Rule> _vertical;
        private readonly List<Rule> _horizontal;
        private readonly double[] _xs;
        private readonly double[] _ys;

        public TableFrame(List<Rule> rules)
        {
            _vertical = rules.Where(r => r.IsVertical).ToList();
            _horizontal = rules.Where(r => !r.IsVertical).ToList();
            _xs = Edges(_vertical.Select(r => (r.Left + r.Right) / 2));
            // Rows top to bottom.
            _ys = Edges(_horizontal.Select(r => (r.Bottom + r.Top) / 2)).Reverse().ToArray();
        }

        public bool IsTable => _xs.Length >= 2 && _ys.Length >= 2;

        public double Top => _ys[0];

        private static double[] Edges(IEnumerable<double> positions)
        {
            var edges = new List<double>();
            foreach (var p in positions.Order())
            {
                if (edges.Count > 0 && p - edges[^1] <= 1.5) continue;
                edges.Add(p);
            }
            return edges.ToArray();
        }

        private bool VerticalAt(double x, double y) =>
            _vertical.Exists(r => Math.Abs((r.Left + r.Right) / 2 - x) <= 1.5 && r.Bottom - 0.5 <= y && y <= r.Top + 0.5);

        private bool HorizontalAt(double y, double x) =>
            _horizontal.Exists(r => Math.Abs((r.Bottom + r.Top) / 2 - y) <= 1.5 && r.Left - 0.5 <= x && x <= r.Right + 0.5);

        /// <summary>The grid, with the letters inside the table marked as read; null when no letter is in it.</summary>
        public HtmlTableGrid? Grid(List<Letter> letters, bool[] inTable)
        {
            int rows = _ys.Length - 1, columns = _xs.Length - 1;
            var slots = new (int Row, int Column, int RowSpan, int ColumnSpan)?[rows, columns];
            var starts = new List<(int Row, int Column, int RowSpan, int ColumnSpan)>();
            for (var r = 0; r < rows; r++)
            {
                var midY = (_ys[r] + _ys[r + 1]) / 2;
                for (var c = 0; c < columns; c++)
                {
                    if (slots[r, c] is not null) continue;
                    var columnSpan = 1;
                    while (c + columnSpan < columns && !VerticalAt(_xs[c + columnSpan], midY) && slots[r, c + columnSpan] is null) columnSpan++;
                    var rowSpan = 1;
                    while (r + rowSpan < rows && Enumerable.Range(c, columnSpan).All(k => !HorizontalAt(_ys[r + rowSpan], (_xs[k] + _xs[k + 1]) / 2))) rowSpan++;
                    var cell = (r, c, rowSpan, columnSpan);
                    starts.Add(cell);
                    for (var i = r; i < r + rowSpan; i++)
                    {
                        for (var k = c; k < c + columnSpan; k++) slots[i, k] ??= cell;
                    }
                }
            }

            var texts = new Dictionary<(int, int, int, int), List<Letter>>();
            var any = false;
            for (var i = 0; i < letters.Count; i++)
            {
                var letter = letters[i];
                var x = (letter.BoundingBox.Left + letter.BoundingBox.Right) / 2;
                var y = (letter.BoundingBox.Bottom + letter.BoundingBox.Top) / 2;
                if (x < _xs[0] || x > _xs[^1] || y > _ys[0] || y < _ys[^1]) continue;
                var c = Array.FindLastIndex(_xs, e => e <= x);
                var r = Array.FindLastIndex(_ys, e => e >= y);
                if (c < 0 || r < 0 || c >= columns || r >= rows || slots[r, c] is not { } cell) continue;
                inTable[i] = true;
                any = true;
                if (!texts.TryGetValue(cell, out var list)) texts[cell] = list = [];
                list.Add(letter);
            }
            if (!any) return null;

            var cells = starts.ToDictionary(s => s, s => new HtmlGridCell(
                texts.TryGetValue(s, out var list) ? HtmlText.Normalize(string.Join("\n", Lines(list).Select(LineText))) : "",
                s.Row, s.Column, s.RowSpan, s.ColumnSpan));
            var grid = new List<HtmlGridCell?[]>();
            for (var r = 0; r < rows; r++)
            {
                var row = new HtmlGridCell?[columns];
                for (var c = 0; c < columns; c++) row[c] = slots[r, c] is { } s ? cells[s] : null;
                grid.Add(row);
            }
            return HtmlTableGrid.FromSlots(grid);
        }
    }
}
