using System.Text;
using InfoDisclosure.Reports.Import.Pdf;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using Letter = InfoDisclosure.Reports.Import.Pdf.PdfLetter;
using Page = InfoDisclosure.Reports.Import.Pdf.PdfTextPage;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Imports a report published as a PDF from its text layer: the letters with their positions, and the cell borders
/// the page draws. A table is rebuilt from its borders (a border missing between two slots merges them, as a rowspan
/// or colspan does) and its letters placed in the cells; the rest is lines of text grouped by baseline, joined into
/// paragraphs where a line runs to the right edge and the next starts at the left margin. The blocks are read as every
/// published format is (<see cref="BlockImporter"/>). Lines are named "第n页第m行", tables "第n页第m个表格".
/// A PDF without a single letter (a scan) gives one IMPORT.SCANNED error; a page set past the paper's edge, an
/// IMPORT.UNREADABLE error named "第n页".
/// </summary>
public static class PdfImporter
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a PDF.</summary>
    public static ImportResult Import(byte[] pdf) => Import(PdfTextLayer.Read(pdf));

    /// <summary>Imports a text layer, as our reader or PdfPig read it.</summary>
    internal static ImportResult Import(PdfTextLayer document)
    {
        var pages = new List<(Page Page, List<Letter> Letters)>(document.Pages.Count);
        var letters = 0;
        var printsSpaces = PrintsSpaces(document.Producer);
        foreach (var page in document.Pages)
        {
            var pageLetters = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList();
            letters += pageLetters.Count;
            printsSpaces |= pageLetters.Count < page.Letters.Count;
            pages.Add((page, pageLetters));
        }
        var pieces = new List<Piece>();
        var offPage = new List<Finding>();
        for (var n = 1; n <= pages.Count; n++) pieces.AddRange(ReadPage(n, pages[n - 1].Page, pages[n - 1].Letters, printsSpaces, offPage));
        if (letters == 0)
        {
            return new ImportResult(new AnnualReport(), [new Finding(Rules.ImportScanned, Severity.Error, "全文",
                $"PDF 的{document.Pages.Count}页中没有文字层（可能是扫描件或图片），无法读取内容。请提供带文字的 PDF、Word 文档或网页。")]);
        }
        var result = BlockImporter.Import(BlockImporter.ReportOnly(Blocks(pieces)));
        return offPage.Count == 0 ? result : result with { Findings = [.. offPage, .. result.Findings] };
    }

    public static ImportResult Import(Stream pdf)
    {
        using var copy = new MemoryStream();
        pdf.CopyTo(copy);
        return Import(copy.ToArray());
    }

    /// <summary>A line of text or a table of one page, top to bottom.</summary>
    private abstract record Piece(int Page, double Top);

    /// <summary>
    /// <paramref name="FirstWord"/>: the width of what the line could not have been broken before (a word, a character
    /// and its closing punctuation). <paramref name="NaturalRight"/>: where the line would end without the space a
    /// justified line spreads between its letters (a line a break ends is spread to the margin too, as Word does).
    /// </summary>
    private sealed record LinePiece(int Page, double Top, string Text, double Left, double Right, double Size, double FirstWord) : Piece(Page, Top)
    {
        public double Baseline { get; init; }

        public double NaturalRight { get; init; } = Right;
    }

    /// <summary>
    /// A table, with the x of its column edges (to know its continuation on the next page); <paramref name="OpenTop"/>
    /// when its first row is the rest of a row a page break cut (its borders start above the first drawn rule).
    /// <paramref name="Undrawn"/>: for each column, whether the border above the first row and below the last is left
    /// undrawn, as a page break leaves the edges of a merged cell it cuts.
    /// </summary>
    private sealed record TablePiece(int Page, double Top, HtmlTableGrid Grid, double[] Columns, bool OpenTop, OpenEdges Undrawn) : Piece(Page, Top)
    {
        /// <summary>The page it ends on, when a page break carried it over.</summary>
        public int EndPage { get; init; } = Page;
    }

    /// <summary>
    /// Whether the producer writes every space as a letter (LibreOffice does, as a glyph of its own): then a gap
    /// without one is no space, even in a document that has none.
    /// </summary>
    private static bool PrintsSpaces(string? producer) =>
        producer is not null && (producer.Contains("LibreOffice", StringComparison.OrdinalIgnoreCase) || producer.Contains("OpenOffice", StringComparison.OrdinalIgnoreCase));

    /// <param name="printsSpaces">Whether the document writes its spaces as letters (on this page or another).</param>
    /// <param name="offPage">Where the page's content runs past its edges (<see cref="OffPage"/>), added to.</param>
    private static IEnumerable<Piece> ReadPage(int number, Page page, List<Letter> letters, bool printsSpaces, List<Finding> offPage)
    {
        var tables = Tables(page, letters).ToList();
        if (OffPage(number, page.CropBox, letters, tables) is { } cut) offPage.Add(cut);
        var blanks = printsSpaces ? Blanks.Of(page) : null;
        var inTable = new bool[letters.Count];
        var pieces = new List<Piece>();
        foreach (var table in tables)
        {
            var grid = table.Grid(letters, blanks, inTable, out var undrawn);
            if (grid is not null) pieces.Add(new TablePiece(number, table.Top, grid, table.Columns, table.OpenTop, undrawn));
        }
        var free = letters.Where((_, i) => !inTable[i]).ToList();
        foreach (var whole in Lines(free))
        {
            var wholeStretch = Stretch(whole);
            foreach (var line in Columns(whole, wholeStretch))
            {
                var stretch = ReferenceEquals(line, whole) ? wholeStretch : Stretch(line);
                var text = LineText(line, blanks, stretch);
                if (text.Length == 0) continue;
                pieces.Add(new LinePiece(number, line[0].StartBaseLine.Y + line[0].PointSize, text,
                    line[0].StartBaseLine.X, line[^1].EndBaseLine.X, line.Max(l => l.PointSize), FirstWordWidth(line))
                {
                    Baseline = line[0].StartBaseLine.Y, NaturalRight = NaturalRight(line, stretch),
                });
            }
        }
        return pieces.OrderByDescending(p => p.Top).ThenBy(p => p is LinePiece line ? line.Left : 0);
    }

    /// <summary>
    /// An IMPORT.UNREADABLE error naming the page when letters stand past the edges of the visible page, or a table is
    /// drawn past them; null when all is on it. A word processor that sets a table wider than the paper (LibreOffice
    /// with a portal's 1000-pixel layout table) puts part of its text there, where no reader sees it, and leaves parts
    /// of lines out of the PDF altogether: what is read of such a page is not what was written, and is not guessed at.
    /// </summary>
    private static Finding? OffPage(int number, PdfBox page, List<Letter> letters, List<TableFrame> tables)
    {
        string? Side(double x, double y, double slack) =>
            x < page.Left - slack ? "左侧" : x > page.Right + slack ? "右侧" : y > page.Top + slack ? "上方" : y < page.Bottom - slack ? "下方" : null;
        string? Outside(Letter l) => Side((l.BoundingBox.Left + l.BoundingBox.Right) / 2, (l.BoundingBox.Bottom + l.BoundingBox.Top) / 2, 0);
        var off = letters.Where(l => Outside(l) is not null).ToList();
        string what;
        if (off.Count > 0)
        {
            // Named by the line of the first, to find it by.
            var first = Lines(off)[0][0];
            var sample = LineText(Lines(letters).First(l => l.Contains(first)), null);
            what = $"有文字在页面{Outside(first)}之外（“{(sample.Length > 12 ? sample[..12] + "…" : sample)}”一行）";
        }
        else if (tables.Select(t => t.Extent).Select(e => Side(e.Left, e.Top, Thin) ?? Side(e.Right, e.Bottom, Thin)).FirstOrDefault(s => s is not null) is { } side)
        {
            what = $"有表格画到了页面{side}之外";
        }
        else
        {
            return null;
        }
        return new Finding(Rules.ImportUnreadable, Severity.Error, $"第{number}页",
            $"{what}：排版超出了纸张，页面之外的部分读者看不到，被截去的文字也可能不在 PDF 中，本页读到的内容不完整。请提供原 Word 文档或网页。");
    }

    /// <summary>A gap in a line, as a share of its letters' size, that separates two columns of the page (a portal's menu beside the report).</summary>
    private const double ColumnGap = 4.0;

    /// <param name="stretch">The line's <see cref="Stretch"/>.</param>
    private static IEnumerable<List<Letter>> Columns(List<Letter> line, double stretch)
    {
        // A line a break ends is spread to the margin by widening every gap (Word and LibreOffice justify it): no columns.
        if (stretch >= line[0].PointSize) return [line];
        return Split(line, stretch);
    }

    private static IEnumerable<List<Letter>> Split(List<Letter> line, double stretch)
    {
        var start = 0;
        for (var i = 1; i < line.Count; i++)
        {
            if (line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X - stretch <= ColumnGap * Math.Max(line[i].PointSize, line[i - 1].PointSize)
                || Hugs(line[i - 1], line[i])) continue;
            yield return line.GetRange(start, i - start);
            start = i;
        }
        yield return start == 0 ? line : line.GetRange(start, line.Count - start);
    }

    /// <summary>
    /// The blocks in reading order: a line joins the one above into a paragraph when it starts at the left margin in
    /// the same size, at the paragraph's line spacing, and its first word would not have fitted at the end of the line
    /// above (so the line was wrapped), unless it is a section or part heading.
    /// </summary>
    private static List<ReportBlock> Blocks(List<Piece> pieces)
    {
        pieces = JoinPageBreaks(pieces);
        var lines = pieces.OfType<LinePiece>().ToList();
        // Justified text ends its wrapped lines at one right margin, which a wider line elsewhere on the page (a footer) may pass.
        var margins = lines.GroupBy(l => Math.Round(l.Right)).MaxBy(g => g.Count());
        var margin = margins is null ? 0 : margins.First().Right;
        // The right edge paragraphs wrap to: the margin most lines end at, where lines share one, with the punctuation
        // a word processor hangs past it; not the page's furniture beyond it (a report set in a narrower column).
        var right = lines.Count == 0 ? 0
            : margins!.Count() >= 3 ? lines.Where(l => l.Right <= margin + 1.5 * l.Size).Max(l => l.Right)
            : lines.Max(l => l.Right);
        // The margin paragraphs wrap to: where the lines that run to the right edge start. Lines wholly left of it are
        // a column beside the report (a portal's menu), not part of it.
        var left = lines.Count == 0 ? 0 : lines.Where(l => l.Right > right - 2 * l.Size).Select(l => l.Left).DefaultIfEmpty(lines.Min(l => l.Left)).Min();
        pieces.RemoveAll(p => p is LinePiece l && l.Right < left);
        var spaced = SpacesBetweenScripts(lines);
        var justified = Justified(lines, margin);
        var pitches = LinePitches(pieces);
        // Punctuation a word processor hangs past the margin (LibreOffice) is no part of it.
        if (justified || lines.Count > 0 && right - margin < 1.5 * lines.Max(l => l.Size)) right = margin;
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
                        && Wrapped(last, line, right, justified)
                        && !(last.Page == line.Page && pitches.TryGetValue(SizeKey(line.Size), out var pitch) && last.Baseline - line.Baseline > pitch + 0.25 * line.Size)
                        && line.Left <= left + 0.5 * line.Size
                        && Math.Abs(line.Size - last.Size) < 0.5
                        && !LabelMatching.TryParseSectionHeading(line.Text, out _, out _)
                        && !IsPartHeading(line, right)
                        && !Array.Exists(BlockImporter.FooterWords, w => line.Text.StartsWith(w, StringComparison.Ordinal));
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
                        if (paragraph.Length > 1 && Mixed(paragraph[^2], line.Text[0]) && (SpacedAtWrap(paragraph, line.Text) ?? spaced)) paragraph[^1] = ' ';
                    }
                    paragraph.Append(line.Text).Append('\n');
                    last = line;
                    break;
            }
        }
        Flush();
        return blocks;
    }

    /// <summary>
    /// Whether a line ended where the text was wrapped: its next line's first word would not have fitted at its end.
    /// Justified text reaches the margin when wrapped, and only there, but so does a line a break ends when the word
    /// processor spreads it too (Word, LibreOffice): a line spread by more than a character is judged by its width
    /// without the spreading.
    /// </summary>
    private static bool Wrapped(LinePiece last, LinePiece next, double right, bool justified)
    {
        var fits = last.NaturalRight + next.FirstWord <= right + 0.02 * next.Size;
        var reaches = last.Right > right - 0.5 * last.Size;
        // A line spread a little to the margin is justified text, wrapped, whatever most lines do.
        if (reaches && last.Right - last.NaturalRight > 0.05 * last.Size) return last.Right - last.NaturalRight < last.Size || !fits;
        return justified ? reaches : !fits;
    }

    /// <summary>
    /// A line that is a numbered part's heading of its own ("（二）依申请公开方面"): the marker, no sentence end, and
    /// well short of the margin without the spreading of a line a break ends. It starts a paragraph, even below a
    /// line that reaches the margin.
    /// </summary>
    private static bool IsPartHeading(LinePiece line, double right) =>
        LabelMatching.TryParsePart(line.Text, out _, out var rest) && rest.Length > 0 && !"。；，：！？".Contains(line.Text[^1], StringComparison.Ordinal)
        && line.NaturalRight < right - 2 * line.Size;

    private static double SizeKey(double size) => Math.Round(size * 2) / 2;

    /// <summary>
    /// For each letter size, the usual distance between the baselines of two lines of one paragraph (the most common
    /// between lines that follow each other on a page): a wider one is the space a word processor leaves between
    /// paragraphs.
    /// </summary>
    private static Dictionary<double, double> LinePitches(List<Piece> pieces)
    {
        var counts = new Dictionary<(double Size, double Pitch), int>();
        for (var i = 1; i < pieces.Count; i++)
        {
            if (pieces[i - 1] is not LinePiece above || pieces[i] is not LinePiece below || above.Page != below.Page || Math.Abs(above.Size - below.Size) >= 0.5) continue;
            var distance = above.Baseline - below.Baseline;
            if (distance < 0.5 * below.Size) continue;
            var key = (SizeKey(below.Size), Math.Round(distance * 2) / 2);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts.GroupBy(c => c.Key.Size).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Value).Key.Pitch);
    }

    /// <summary>
    /// Whether a wrap between a Latin word or number and Chinese hid a space, as far as the word tells: spacing is the
    /// same on both sides of a word ("共 14 条", "〔2021〕30号"). Null when the word runs from the wrap to the other
    /// end of its line, or stands by other punctuation.
    /// </summary>
    private static bool? SpacedAtWrap(StringBuilder paragraph, string next)
    {
        char? beside;
        if (IsLatin(paragraph[^2]))
        {
            var i = paragraph.Length - 2;
            while (i >= 0 && IsLatin(paragraph[i])) i--;
            beside = i < 0 || paragraph[i] == '\n' ? null : paragraph[i];
        }
        else
        {
            var j = 0;
            while (j < next.Length && IsLatin(next[j])) j++;
            beside = j < next.Length ? next[j] : null;
        }
        return beside switch
        {
            ' ' => true,
            { } c when IsChinese(c) || c is >= '\u3000' and <= '\u303F' || c is >= '\uFF00' and <= '\uFFEF' => false,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the long lines end exactly at the right margin, as justified text wraps: then a line that stops short
    /// of it, however little, ended its paragraph (or a line break did).
    /// </summary>
    private static bool Justified(List<LinePiece> lines, double right)
    {
        int exact = 0, near = 0;
        foreach (var line in lines)
        {
            if (Math.Abs(line.Right - right) < 0.1 * line.Size) exact++;
            else if (line.Right > right - 1.5 * line.Size) near++;
        }
        return exact >= 4 && near * 4 < exact;
    }

    /// <summary>Punctuation a line may not start with: it stays with the character before it.</summary>
    private const string Closing = "，。、；：？！”’）》」』】〕…,.;:?!)]%";

    /// <summary>Punctuation a line may not end with: it goes down with the character after it.</summary>
    private const string Opening = "“‘（《「『【〔([";

    private static double FirstWordWidth(List<Letter> line)
    {
        var end = 0;
        while (end + 1 < line.Count && Opening.Contains(line[end].Value, StringComparison.Ordinal)) end++;
        if (line[end].Value.Length > 0 && char.IsAscii(line[end].Value[0]))
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

    /// <summary>
    /// A table that ends its page and one as wide that starts the next are one table broken by the page: its rows
    /// joined on the column edges of both (a page may draw an edge the other does not, where a cell spans columns),
    /// and a cell the break cut (empty below it) made one again.
    /// </summary>
    private static List<Piece> JoinPageBreaks(List<Piece> pieces)
    {
        var joined = new List<Piece>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (piece is TablePiece next && joined.Count > 0 && joined[^1] is TablePiece above && above.EndPage + 1 == next.Page
                && Union(above.Columns, next.Columns) is { } union)
            {
                var top = Widen(above.Grid, above.Columns, union);
                var (bottom, header) = WithoutRepeatedHeader(top, Widen(next.Grid, next.Columns, union));
                // Below a repeated header the continuation starts under drawn borders.
                var cut = new OpenEdges(Widen(next.Undrawn.Top, next.Columns, union).Select(u => u && !header).ToArray(), Widen(above.Undrawn.Bottom, above.Columns, union));
                joined[^1] = above with
                {
                    Grid = Join(top, bottom, next.OpenTop && !header || RestOfCutRow(top, bottom), cut), Columns = union, EndPage = next.Page,
                    Undrawn = new OpenEdges([], Widen(next.Undrawn.Bottom, next.Columns, union)),
                };
                continue;
            }
            joined.Add(piece);
        }
        return joined;
    }

    /// <summary>
    /// The column edges of a table and its continuation together; null unless they end at the same right edge and the
    /// continuation starts no further left (it may start further right, where a cell spanning the break is left undrawn),
    /// or they start at the same left edge and one's edges go on where the other's stop (rows of uneven length, as
    /// text copied from a grid has).
    /// </summary>
    private static double[]? Union(double[] above, double[] below)
    {
        if (below.Length < 2) return null;
        bool Same(double a, double b) => Math.Abs(a - b) <= Spacing;
        var (shorter, longer) = above.Length <= below.Length ? (above, below) : (below, above);
        var aligned = Same(above[^1], below[^1]) && below[0] >= above[0] - Spacing
            || Same(above[0], below[0]) && shorter.Select((x, i) => Same(x, longer[i])).All(s => s);
        if (!aligned) return null;
        var edges = new List<double>();
        foreach (var x in above.Concat(below).Order())
        {
            if (edges.Count > 0 && x - edges[^1] <= Spacing) continue;
            edges.Add(x);
        }
        return edges.ToArray();
    }

    /// <summary>
    /// Whether the continuation's first row is the rest of the last row above, though the printer closed the row on
    /// both pages (LibreOffice does): the first row below has only the rest of the labels above (no numbering, no
    /// caption, not a row label of section 二), under labels, and nothing under figures; and either the row above has
    /// figures or each rest completes a template label (a header row, a row whose figures are left blank).
    /// </summary>
    private static bool RestOfCutRow(HtmlTableGrid top, HtmlTableGrid bottom)
    {
        if (top.Rows.Count == 0 || bottom.Rows.Count == 0) return false;
        var above = top.Rows[^1];
        static bool IsFigure(HtmlGridCell? cell) => cell is not null && LabelMatching.IsNumber(cell.Text);
        // A row whose every cell the break left empty below: all its text fitted above.
        if (bottom.CellsOf(0).All(c => c.Text.Length == 0)) return Array.Exists(above, c => c is not null && c.Text.Length > 0);
        bool rest = false, underFigure = false, completes = true;
        foreach (var cell in bottom.CellsOf(0))
        {
            if (cell.Column >= above.Length || above[cell.Column] is not { } over) return false;
            if (IsFigure(over))
            {
                if (cell.Text.Length > 0) return false;
                underFigure = true;
            }
            else if (cell.Text.Length > 0)
            {
                if (over.Text.Length == 0 || LabelMatching.ParseMarker(cell.Text).Kind != MarkerKind.None || HtmlTableReader.IsCaption(cell.Text)) return false;
                var completed = CompletesLabel(over.Text, cell.Text);
                if (!completed && HtmlTableReader.IsProactiveRowLabel(cell.Text)) return false;
                rest = true;
                completes &= completed;
            }
        }
        return rest && (underFigure || completes);
    }

    /// <summary>The template's labels of sections 三 and 四 (rows, groups, column headers), as compared.</summary>
    private static readonly HashSet<string> TemplateLabels =
    [
        .. ApplicationRows.All.SelectMany(r => new[] { r.Label, r.Group ?? "" }).Where(l => l.Length > 0).Select(LabelKey),
        .. LabelMatching.ReviewHeaderWordings.Select(LabelKey),
        .. new[] { "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计" }.Select(LabelKey),
    ];

    private static string LabelKey(string label) => LabelMatching.Normalize(LabelMatching.StripMarker(label));

    /// <summary>
    /// Whether a cell's text below a page break is the rest of a template label the break cut (a header row, a caption
    /// row, a row of blank figures, as LibreOffice closes it on both pages): with the text above, and only with it, it is one.
    /// </summary>
    private static bool CompletesLabel(string above, string below)
    {
        static bool AsWorded(string text) => TemplateLabels.Contains(LabelKey(text)) || HtmlTableReader.IsProactiveRowLabelAsWorded(text)
            || HtmlTableReader.IsCaption(text) && LabelMatching.Normalize(text).EndsWith('项');
        var joined = above + below;
        return (AsWorded(joined) || HtmlTableReader.IsProactiveRowLabel(joined)) && !AsWorded(above);
    }

    /// <summary>The continuation without the header rows the printer repeats on each page (a table's &lt;thead&gt;).</summary>
    private static (HtmlTableGrid Grid, bool Repeated) WithoutRepeatedHeader(HtmlTableGrid top, HtmlTableGrid bottom)
    {
        static string Row(HtmlTableGrid grid, int row) => string.Join("|", grid.Rows[row].Select(c => c?.Text));
        var header = 0;
        while (header < top.Rows.Count - 1 && header < bottom.Rows.Count - 1 && Row(top, header) == Row(bottom, header)) header++;
        if (header == 0) return (bottom, false);
        var moved = new Dictionary<HtmlGridCell, HtmlGridCell>(ReferenceEqualityComparer.Instance);
        var rows = bottom.Rows.Skip(header)
            .Select(r => r.Select(c => c is null || c.Row < header ? null : moved.TryGetValue(c, out var m) ? m : moved[c] = c with { Row = c.Row - header }).ToArray())
            .ToList();
        return (HtmlTableGrid.FromSlots(rows), true);
    }

    /// <summary>Per-column flags on wider column edges: each column keeps the flag of the one it is part of.</summary>
    private static bool[] Widen(bool[] flags, double[] edges, double[] union)
    {
        var wide = new bool[union.Length - 1];
        for (var c = 0; c + 1 < edges.Length && c < flags.Length; c++)
        {
            var (from, to) = (Array.FindIndex(union, u => Math.Abs(u - edges[c]) <= Spacing), Array.FindIndex(union, u => Math.Abs(u - edges[c + 1]) <= Spacing));
            for (var u = Math.Max(from, 0); u < to; u++) wide[u] = flags[c];
        }
        return wide;
    }

    /// <summary>A grid on wider column edges: a cell covers the columns between its own edges.</summary>
    private static HtmlTableGrid Widen(HtmlTableGrid grid, double[] edges, double[] union)
    {
        if (edges.Length == union.Length) return grid;
        var at = edges.Select(x => Array.FindIndex(union, u => Math.Abs(u - x) <= Spacing)).ToArray();
        var cells = new Dictionary<HtmlGridCell, HtmlGridCell>(ReferenceEqualityComparer.Instance);
        var rows = new List<HtmlGridCell?[]>(grid.Rows.Count);
        foreach (var row in grid.Rows)
        {
            var slots = new HtmlGridCell?[union.Length - 1];
            for (var c = 0; c < row.Length && c + 1 < at.Length; c++)
            {
                if (row[c] is not { } cell) continue;
                if (!cells.TryGetValue(cell, out var wide))
                {
                    var start = at[cell.Column];
                    cells[cell] = wide = cell with { Column = start, ColumnSpan = at[Math.Min(cell.Column + cell.ColumnSpan, at.Length - 1)] - start };
                }
                for (var u = at[c]; u < at[c + 1]; u++) slots[u] = wide;
            }
            rows.Add(slots);
        }
        return HtmlTableGrid.FromSlots(rows);
    }

    private sealed class CellBuilder(string text, int row, int column, int rowSpan, int columnSpan)
    {
        public string Text { get; set; } = text;

        public int Row => row;

        public int Column => column;

        public int ColumnSpan => columnSpan;

        public int RowSpan { get; set; } = rowSpan;

        public HtmlGridCell ToCell() => new(Text, row, column, RowSpan, columnSpan);
    }

    /// <summary>For each column, whether a table's border above its first row and below its last is left undrawn.</summary>
    private sealed record OpenEdges(bool[] Top, bool[] Bottom);

    /// <summary>
    /// The rows of a table's continuation below its rows; when the break cut a row (<paramref name="split"/>), the
    /// continuation's first row is the rest of the last: its text goes on in the cells above. <paramref name="undrawn"/>:
    /// the continuation's undrawn top edges and the undrawn bottom edges above it.
    /// </summary>
    private static HtmlTableGrid Join(HtmlTableGrid top, HtmlTableGrid bottom, bool split, OpenEdges undrawn)
    {
        bool Undrawn(bool[] edges, int column, int span) => Enumerable.Range(column, span).Any(k => k < edges.Length && edges[k]);
        var builders = new Dictionary<HtmlGridCell, CellBuilder>(ReferenceEqualityComparer.Instance);
        var slots = new List<CellBuilder?[]>();
        foreach (var row in top.Rows)
        {
            slots.Add(row.Select(c => c is null ? null : builders.TryGetValue(c, out var b) ? b : builders[c] = new CellBuilder(c.Text, c.Row, c.Column, c.RowSpan, c.ColumnSpan)).ToArray());
        }
        var offset = top.Rows.Count - (split ? 1 : 0);
        var last = slots.Count > 0 ? slots[^1] : [];
        foreach (var printed in bottom.Rows)
        {
            if (split && printed == bottom.Rows[0])
            {
                foreach (var rest in bottom.CellsOf(0))
                {
                    if (rest.Column >= last.Length || last[rest.Column] is not { } cut) continue;
                    if (rest.Text.Length > 0) cut.Text = HtmlText.Normalize(cut.Text + "\n" + rest.Text);
                    cut.RowSpan += rest.RowSpan - 1;
                    builders[rest] = cut;
                }
                continue;
            }
            slots.Add(printed.Select((c, column) =>
            {
                if (c is null)
                {
                    // Not drawn on this page: the cell above runs on.
                    if (column < last.Length && last[column] is { } over && over.Row + over.RowSpan == slots.Count)
                    {
                        over.RowSpan++;
                        return over;
                    }
                    return null;
                }
                if (builders.TryGetValue(c, out var b)) return b;
                // The part of a cell the page break carried over, under a cell of the same columns: the border between
                // them is undrawn on both pages, the rest of its text with it (a label's last character); or it is empty,
                // under a label or with the border undrawn on one page (an empty cell under an empty one, both closed, is
                // a row's own). Not under a figure: figures are never merged across rows, and an empty cell under one is
                // a blank figure.
                if (c.Row == 0 && column < last.Length && last[column] is { } above
                    && above.Column == column && above.ColumnSpan == c.ColumnSpan && above.Row + above.RowSpan == slots.Count
                    && !decimal.TryParse(Cell.NormalizeDigits(above.Text), System.Globalization.CultureInfo.InvariantCulture, out _)
                    && (Undrawn(undrawn.Top, column, c.ColumnSpan) && Undrawn(undrawn.Bottom, column, c.ColumnSpan)
                        || c.Text.Length == 0 && (above.Text.Length > 0 || Undrawn(undrawn.Top, column, c.ColumnSpan) || Undrawn(undrawn.Bottom, column, c.ColumnSpan))))
                {
                    if (c.Text.Length > 0) above.Text = HtmlText.Normalize(above.Text + "\n" + c.Text);
                    above.RowSpan += c.RowSpan;
                    return builders[c] = above;
                }
                return builders[c] = new CellBuilder(c.Text, c.Row + offset, column, c.RowSpan, c.ColumnSpan);
            }).ToArray());
        }
        var cells = new Dictionary<CellBuilder, HtmlGridCell>(ReferenceEqualityComparer.Instance);
        return HtmlTableGrid.FromSlots(slots.Select(r => r.Select(b => b is null ? null : cells.TryGetValue(b, out var c) ? c : cells[b] = b.ToCell()).ToArray()).ToList());
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

    /// <summary>
    /// A line's text, with its spaces. A page that prints its spaces as letters (<paramref name="blanks"/>) has a space
    /// where one is, however wide the gap (LibreOffice sets Chinese and Latin text apart without one), or a gap of a
    /// whole character; otherwise a gap is a space by its width. A justified line is stretched by widening the gap
    /// after each Chinese character or punctuation mark: the usual such gap is that stretch, and only a gap wider
    /// than it counts.
    /// </summary>
    private static string LineText(List<Letter> line, Blanks? blanks) => LineText(line, blanks, Stretch(line));

    private static string LineText(List<Letter> line, Blanks? blanks, double stretch)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Count; i++)
        {
            if (i > 0)
            {
                var gap = line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X - stretch;
                var size = line[i].PointSize;
                if (!Hugs(line[i - 1], line[i]) && (blanks is null ? gap > size * (ScriptChange(line[i - 1], line[i]) ? ScriptGap : SpaceGap)
                    : gap > size || gap > size * SpaceGap && blanks.Between(line[i - 1], line[i]))) text.Append(' ');
            }
            text.Append(line[i].Value);
        }
        return text.ToString().Trim();
    }

    /// <summary>Full-width punctuation a line may not start or end with, after its character or before it.</summary>
    private const string WideClosing = "，。、；：？！”’）》」』】〕…";

    private const string WideOpening = "“‘（《「『【〔";

    /// <summary>
    /// Whether two letters are never apart, however far a spread line sets them: full-width punctuation and the
    /// character it closes or opens (it carries its own spacing).
    /// </summary>
    private static bool Hugs(Letter before, Letter after) =>
        after.Value.Length == 1 && WideClosing.Contains(after.Value[0], StringComparison.Ordinal)
        || before.Value.Length == 1 && WideOpening.Contains(before.Value[0], StringComparison.Ordinal);

    /// <summary>
    /// A gap between Chinese and a Latin word or number, as a share of the letters' size, that is a space on a page
    /// that prints none as a letter: LibreOffice sets them apart by a quarter of a character without one.
    /// </summary>
    private const double ScriptGap = 0.3;

    private static bool ScriptChange(Letter before, Letter after) =>
        before.Value.Length > 0 && after.Value.Length > 0 && char.IsAsciiLetterOrDigit(before.Value[0]) != char.IsAsciiLetterOrDigit(after.Value[0])
        && !char.IsAscii(char.IsAsciiLetterOrDigit(before.Value[0]) ? after.Value[0] : before.Value[0]);

    /// <summary>The blank letters (spaces) a page prints, by baseline.</summary>
    private sealed class Blanks
    {
        private readonly (double Y, double X)[] _blanks;

        private Blanks((double Y, double X)[] blanks) => _blanks = blanks;

        public static Blanks Of(Page page)
        {
            // By baseline, so that a line looks only at its own.
            var blanks = page.Letters.Where(l => l.Value.Length > 0 && string.IsNullOrWhiteSpace(l.Value))
                .Select(l => (l.StartBaseLine.Y, (l.StartBaseLine.X + l.EndBaseLine.X) / 2)).Order().ToArray();
            return new Blanks(blanks);
        }

        /// <summary>Whether a blank letter stands between two letters of a line.</summary>
        public bool Between(Letter before, Letter after)
        {
            var y = before.StartBaseLine.Y;
            var slack = 0.3 * Math.Max(before.PointSize, 1);
            int low = 0, high = _blanks.Length;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (_blanks[mid].Y < y - slack) low = mid + 1;
                else high = mid;
            }
            for (var i = low; i < _blanks.Length && _blanks[i].Y <= y + slack; i++)
            {
                var bx = _blanks[i].X;
                if (bx >= before.EndBaseLine.X - slack && bx <= after.StartBaseLine.X + slack) return true;
            }
            return false;
        }
    }

    private static double NaturalRight(List<Letter> line, double stretch)
    {
        var right = line[^1].EndBaseLine.X;
        if (stretch <= 0) return right;
        for (var i = 1; i < line.Count; i++) right -= Math.Clamp(line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X, 0, stretch);
        return right;
    }

    /// <summary>
    /// The space a justified line adds between its letters: the usual gap after a Chinese character or punctuation
    /// mark; in a short line, the least gap beside one when all are a character wide or more (a line a break ends,
    /// spread to the margin: "229 条。").
    /// </summary>
    private static double Stretch(List<Letter> line)
    {
        var gaps = new List<double>();
        var least = double.MaxValue;
        var beside = 0;
        for (var i = 1; i < line.Count; i++)
        {
            var gap = line[i].StartBaseLine.X - line[i - 1].EndBaseLine.X;
            if (IsWide(line[i - 1])) gaps.Add(gap);
            if (!IsWide(line[i - 1]) && !IsWide(line[i])) continue;
            beside++;
            least = Math.Min(least, gap);
        }
        if (gaps.Count >= 4)
        {
            gaps.Sort();
            return Math.Max(0, gaps[gaps.Count / 2]);
        }
        return beside >= 1 && least >= line[0].PointSize ? least : 0;
    }

    /// <summary>A Chinese character or punctuation mark (not ASCII).</summary>
    private static bool IsWide(Letter letter) => letter.Value.Length > 0 && !char.IsAscii(letter.Value[0]);

    /// <summary>A thin filled or stroked rectangle: a cell border as a browser or a word processor prints it.</summary>
    private sealed record Rule(double Left, double Bottom, double Right, double Top)
    {
        public bool IsVertical => Right - Left < Top - Bottom;

        public bool Touches(Rule other, double slack) =>
            Left - slack <= other.Right && other.Left - slack <= Right && Bottom - slack <= other.Top && other.Bottom - slack <= Top;
    }

    private const double Thin = 2.5;

    /// <summary>
    /// How far apart two borders may be and still be one edge: a table with separate borders draws each cell's own
    /// box, a cell spacing apart from its neighbour's.
    /// </summary>
    private const double Spacing = 3.0;

    /// <summary>
    /// Rows are never this low: horizontal borders closer than this are one edge (a merged cell carried over to a
    /// new page may be drawn a few points off its row).
    /// </summary>
    private const double RowSpacing = 6.0;

    private static IEnumerable<TableFrame> Tables(Page page, List<Letter> letters)
    {
        var rules = new List<Rule>();
        foreach (var path in page.Paths)
        {
            if (!path.IsFilled && !path.IsStroked) continue;
            foreach (var subpath in path.Subpaths)
            {
                var box = subpath.Box;
                var (width, height) = (box.Right - box.Left, box.Top - box.Bottom);
                if (width <= Thin && height > Thin || height <= Thin && width > Thin)
                {
                    rules.Add(new Rule(box.Left, box.Bottom, box.Right, box.Top));
                }
                else if (path.IsStroked && width > Thin && height > Thin && subpath.IsRectangle)
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
                if (rules[i].Touches(rules[j], Spacing)) parent[Find(i)] = Find(j);
            }
        }
        var groups = Enumerable.Range(0, rules.Count).GroupBy(Find).Select(g => g.Select(i => rules[i]).ToList()).ToList();
        return WithSideBorders(groups, letters).SelectMany(Split);
    }

    /// <summary>
    /// Tables with the outer border of a column whose cell a page break carried over the whole page: no border across
    /// it touches that border, so it stands alone, as tall as the table, with the cell's letters between it and the table.
    /// </summary>
    private static List<List<Rule>> WithSideBorders(List<List<Rule>> groups, List<Letter> letters)
    {
        var sides = groups.Where(g => g.TrueForAll(r => r.IsVertical)).ToList();
        if (sides.Count == 0) return groups;
        var tables = groups.Where(g => g.Exists(r => !r.IsVertical)).ToList();
        foreach (var table in tables)
        {
            var (left, right) = (table.Min(r => r.Left), table.Max(r => r.Right));
            var (bottom, top) = (table.Min(r => r.Bottom), table.Max(r => r.Top));
            bool Spans(List<Rule> side) => side.Min(r => r.Bottom) <= bottom + Spacing && side.Max(r => r.Top) >= top - Spacing;
            bool LettersBetween(double from, double to) => letters.Exists(l =>
                l.BoundingBox.Left >= from && l.BoundingBox.Right <= to && l.BoundingBox.Bottom >= bottom && l.BoundingBox.Top <= top);
            var before = sides.Where(g => g.Max(r => r.Right) < left && Spans(g)).MaxBy(g => g.Max(r => r.Right));
            if (before is not null && LettersBetween(before.Max(r => r.Right), left))
            {
                table.AddRange(before);
                sides.Remove(before);
            }
            var after = sides.Where(g => g.Min(r => r.Left) > right && Spans(g)).MinBy(g => g.Min(r => r.Left));
            if (after is not null && LettersBetween(right, after.Min(r => r.Left)))
            {
                table.AddRange(after);
                sides.Remove(after);
            }
        }
        return [.. tables, .. sides];
    }

    /// <summary>
    /// The tables a group of touching borders draws. A row that is one cell across the whole width is page layout
    /// (a bordered layout table around the report, a caption row): it separates tables, and its text is read as text.
    /// </summary>
    private static IEnumerable<TableFrame> Split(List<Rule> rules)
    {
        var frame = new TableFrame(rules);
        if (!frame.IsTable) yield break;
        var fullWidth = frame.FullWidthRows();
        if (!fullWidth.Contains(true))
        {
            yield return frame;
            yield break;
        }
        for (var r = 0; r < fullWidth.Length;)
        {
            if (fullWidth[r])
            {
                r++;
                continue;
            }
            var end = r;
            while (end < fullWidth.Length && !fullWidth[end]) end++;
            var (top, bottom) = (frame.RowTop(r), frame.RowTop(end));
            // The borders of these rows, cut to them: a layout table's sides run past them.
            var inside = rules.Where(x => x.Bottom < top - 0.5 && x.Top > bottom + 0.5 || !x.IsVertical && x.Bottom <= top + Spacing && x.Top >= bottom - Spacing)
                .Select(x => x.IsVertical ? x with { Bottom = Math.Max(x.Bottom, bottom), Top = Math.Min(x.Top, top) } : x).ToList();
            var table = new TableFrame(inside);
            if (table.IsTable && !table.FullWidthRows().Contains(true)) yield return table;
            r = end;
        }
    }

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
            _xs = Edges(_vertical.Select(r => (r.Left + r.Right) / 2), Spacing);
            // Rows top to bottom.
            var ys = Edges(_horizontal.Select(r => (r.Bottom + r.Top) / 2), RowSpacing);
            // Cell borders running past the last rule drawn across: a row a page break cut, open at that end.
            if (ys.Length > 0 && _vertical.Count > 0)
            {
                var (low, high) = (_vertical.Min(r => r.Bottom), _vertical.Max(r => r.Top));
                if (low < ys[0] - RowSpacing) ys = [low, .. ys];
                if (high > ys[^1] + RowSpacing)
                {
                    ys = [.. ys, high];
                    OpenTop = true;
                }
            }
            _ys = ys.Reverse().ToArray();
        }

        /// <summary>Whether the first row is the rest of one a page break cut: its borders start above any rule across.</summary>
        public bool OpenTop { get; }

        public bool IsTable => _xs.Length >= 2 && _ys.Length >= 2;

        public double Top => _ys[0];

        /// <summary>How far its borders reach: those across it may run past the last column edge drawn (Chromium leaves out a border off the page).</summary>
        public PdfBox Extent =>
            new(_vertical.Concat(_horizontal).Min(r => r.Left), _vertical.Concat(_horizontal).Min(r => r.Bottom),
                _vertical.Concat(_horizontal).Max(r => r.Right), _vertical.Concat(_horizontal).Max(r => r.Top));

        public double[] Columns => _xs;

        /// <summary>The top edge of row <paramref name="row"/> (the bottom of the table for the row count).</summary>
        public double RowTop(int row) => _ys[row];

        /// <summary>For each row, whether it is a single cell across every column.</summary>
        public bool[] FullWidthRows()
        {
            var rows = new bool[_ys.Length - 1];
            for (var r = 0; r < rows.Length; r++)
            {
                var midY = (_ys[r] + _ys[r + 1]) / 2;
                rows[r] = _xs.Length > 2 && Enumerable.Range(1, _xs.Length - 2).All(c => !VerticalAt(_xs[c], midY));
            }
            return rows;
        }

        private static double[] Edges(IEnumerable<double> positions, double spacing)
        {
            var edges = new List<double>();
            foreach (var p in positions.Order())
            {
                if (edges.Count > 0 && p - edges[^1] <= spacing) continue;
                edges.Add(p);
            }
            return edges.ToArray();
        }

        private bool VerticalAt(double x, double y) =>
            _vertical.Exists(r => Math.Abs((r.Left + r.Right) / 2 - x) <= Spacing && r.Bottom - 0.5 <= y && y <= r.Top + 0.5);

        private bool HorizontalAt(double y, double x) =>
            _horizontal.Exists(r => Math.Abs((r.Bottom + r.Top) / 2 - y) <= RowSpacing && r.Left - 0.5 <= x && x <= r.Right + 0.5);

        /// <summary>
        /// The grid, with the letters inside the table marked as read; null when no letter is in it.
        /// <paramref name="undrawn"/>: for each column, whether the border above the first row and below the last is undrawn.
        /// </summary>
        public HtmlTableGrid? Grid(List<Letter> letters, Blanks? blanks, bool[] inTable, out OpenEdges undrawn)
        {
            undrawn = new OpenEdges([], []);
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

            var text = starts.ToDictionary(s => s, s => texts.TryGetValue(s, out var list) ? HtmlText.Normalize(string.Join("\n", Lines(list).Select(l => LineText(l, blanks)))) : "");
            // A row that starts no cell with text is no row of the table: the edge of a cell a page break cut, drawn
            // off its row. Its slots go to the cells above that cover them.
            var kept = Enumerable.Range(0, rows).Where(r => r == 0 || starts.Exists(s => s.Row == r && text[s].Length > 0)).ToList();
            var newRow = new int[rows];
            for (int r = 0, k = -1; r < rows; r++)
            {
                if (kept.Contains(r)) k++;
                newRow[r] = k;
            }
            var cells = new Dictionary<(int, int, int, int), HtmlGridCell>();
            foreach (var s in starts)
            {
                var span = Enumerable.Range(s.Row, s.RowSpan).Count(kept.Contains);
                if (span > 0) cells[s] = new HtmlGridCell(text[s], newRow[Enumerable.Range(s.Row, s.RowSpan).First(kept.Contains)], s.Column, span, s.ColumnSpan);
            }
            undrawn = new OpenEdges(
                Enumerable.Range(0, columns).Select(c => !HorizontalAt(_ys[0], (_xs[c] + _xs[c + 1]) / 2)).ToArray(),
                Enumerable.Range(0, columns).Select(c => slots[kept[^1], c] is { } s && !HorizontalAt(_ys[s.Row + s.RowSpan], (_xs[c] + _xs[c + 1]) / 2)).ToArray());
            var grid = new List<HtmlGridCell?[]>();
            foreach (var r in kept)
            {
                var row = new HtmlGridCell?[columns];
                for (var c = 0; c < columns; c++) row[c] = slots[r, c] is { } s && cells.TryGetValue(s, out var cell) ? cell : null;
                grid.Add(row);
            }
            return HtmlTableGrid.FromSlots(grid);
        }
    }
}
