using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace InfoDisclosure.Reports.Import;

/// <summary>One slot of an expanded table: the text of the cell that covers it and where that cell starts.</summary>
public sealed record HtmlGridCell(string Text, int Row, int Column, int RowSpan, int ColumnSpan);

/// <summary>
/// A &lt;table&gt; with rowspan and colspan expanded into a rectangular grid, as the HTML table model
/// assigns slots: a spanning cell covers every slot it spans, so row labels that span rows are found on each row.
/// A Word table's merged cells (gridSpan, vMerge) are expanded into the same grid, which the table reader reads.
/// </summary>
public sealed class HtmlTableGrid
{
    private HtmlTableGrid(string? caption, int sourceLine, List<HtmlGridCell?[]> rows, int[] rowSourceLines)
    {
        Caption = caption;
        SourceLine = sourceLine;
        Rows = rows;
        _slots = rows.ToArray();
        RowSourceLines = rowSourceLines;
        Width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        _distinctCells = new HtmlGridCell[rows.Count][];
        for (var r = 0; r < rows.Count; r++) _distinctCells[r] = DistinctCells(rows[r]);
    }

    // The readers ask for a row's cells many times over: listed once.
    private readonly HtmlGridCell[][] _distinctCells;

    // The rows as an array, for the slot look-ups of the readers.
    private readonly HtmlGridCell?[][] _slots;

    public string? Caption { get; }

    /// <summary>The line of the &lt;table&gt; tag in the source (1-based), 0 when unknown.</summary>
    public int SourceLine { get; }

    public IReadOnlyList<HtmlGridCell?[]> Rows { get; }

    /// <summary>The source line of each row's &lt;tr&gt; (1-based), 0 when unknown or for rows only spans reach.</summary>
    public IReadOnlyList<int> RowSourceLines { get; }

    public int Width { get; }

    /// <summary>The cell covering a slot, or null outside the table or where no cell covers it.</summary>
    public HtmlGridCell? this[int row, int column] =>
        (uint)row < (uint)_slots.Length && (uint)column < (uint)_slots[row].Length ? _slots[row][column] : null;

    /// <summary>The distinct cells of a row in column order, each once however many slots it covers.</summary>
    public IReadOnlyList<HtmlGridCell> CellsOf(int row) => _distinctCells[row];

    /// <summary><see cref="CellsOf"/> as a span, for the table reader's loops over every row.</summary>
    internal ReadOnlySpan<HtmlGridCell> CellSpanOf(int row) => _distinctCells[row];

    private static HtmlGridCell[] DistinctCells(HtmlGridCell?[] row)
    {
        // Counted first, so that the array is made once at its size.
        var count = 0;
        HtmlGridCell? previous = null;
        foreach (var cell in row)
        {
            if (cell is null || ReferenceEquals(cell, previous)) continue;
            previous = cell;
            count++;
        }
        var cells = new HtmlGridCell[count];
        count = 0;
        previous = null;
        foreach (var cell in row)
        {
            if (cell is null || ReferenceEquals(cell, previous)) continue;
            previous = cell;
            cells[count++] = cell;
        }
        return cells;
    }

    public static HtmlTableGrid Expand(IHtmlTableElement table) => Expand(HtmlPage.FromAngleSharp(table));

    /// <summary>A grid whose slots are known already (a Word table's grid columns); rows are padded to the widest.</summary>
    internal static HtmlTableGrid FromSlots(List<HtmlGridCell?[]> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var full = rows.Select(r => r.Length == width ? r : [.. r, .. new HtmlGridCell?[width - r.Length]]).ToList();
        return new HtmlTableGrid(null, 0, full, new int[rows.Count]);
    }

    internal static HtmlTableGrid Expand(PageElement table)
    {
        // Rows grow as cells and spans reach right; the grid is as wide as the widest row.
        var slots = new List<List<HtmlGridCell?>>();
        var model = table.TableModel;
        var sourceRows = model.Rows;
        for (var r = 0; r < sourceRows.Count; r++)
        {
            EnsureRows(slots, r + 1);
            var column = 0;
            foreach (var cell in sourceRows[r].Cells)
            {
                var row = slots[r];
                while (column < row.Count && row[column] is not null) column++;
                var rowSpan = Math.Clamp(cell.RowSpan, 1, sourceRows.Count - r);
                var columnSpan = Math.Clamp(cell.ColumnSpan, 1, 1000);
                var slot = new HtmlGridCell(HtmlText.Of(cell), r, column, rowSpan, columnSpan);
                EnsureRows(slots, r + rowSpan);
                for (var i = r; i < r + rowSpan; i++)
                {
                    var covered = slots[i];
                    while (covered.Count < column + columnSpan) covered.Add(null);
                    for (var j = column; j < column + columnSpan; j++) covered[j] ??= slot;
                }
                column += columnSpan;
            }
        }
        var width = slots.Count == 0 ? 0 : slots.Max(r => r.Count);
        var rows = new List<HtmlGridCell?[]>(slots.Count);
        foreach (var row in slots)
        {
            var full = new HtmlGridCell?[width];
            row.CopyTo(full);
            rows.Add(full);
        }
        var caption = model.Caption is { } c ? HtmlText.Of(c) : null;
        var rowLines = new int[rows.Count];
        for (var i = 0; i < rowLines.Length && i < sourceRows.Count; i++) rowLines[i] = sourceRows[i].Row.Line;
        return new HtmlTableGrid(caption, table.Line, rows, rowLines);
    }

    private static void EnsureRows(List<List<HtmlGridCell?>> rows, int count)
    {
        while (rows.Count < count) rows.Add([]);
    }
}

/// <summary>The text of HTML nodes as a reader sees it.</summary>
public static class HtmlText
{
    /// <summary>
    /// The element's text with source line breaks and indentation removed (between Chinese characters a line
    /// break is no space), no-break spaces made plain, and the ends trimmed. Spaces inside a line are kept.
    /// </summary>
    public static string Of(INode node) => Normalize(node.TextContent);

    internal static string Of(PageElement element)
    {
        if (element.Children is [PageText only]) return Normalize(only.Data);
        // A cell's text in several nodes (Word's spans) is gathered in one builder, kept for the next cell.
        var text = t_text ??= new StringBuilder();
        text.Clear();
        AppendText(element, text);
        return Normalize(text.ToString());
    }

    [ThreadStatic]
    private static StringBuilder? t_text;

    private static void AppendText(PageElement element, StringBuilder text)
    {
        foreach (var child in element.Children)
        {
            if (child is PageText t) text.Append(t.Data);
            else AppendText((PageElement)child, text);
        }
    }

    public static string Normalize(string text)
    {
        // Text without line breaks, tabs or no-break spaces only needs trimming (a cell, most headings).
        if (text.AsSpan().IndexOfAny(BreaksAndNoBreakSpace) < 0) return text.Trim();
        return Normalize(text.AsSpan());
    }

    internal static string Normalize(StringBuilder text) => Normalize(text.ToString());

    private static readonly System.Buffers.SearchValues<char> BreaksAndNoBreakSpace = System.Buffers.SearchValues.Create("\r\n\t\f\u00A0");

    private static string Normalize(ReadOnlySpan<char> text)
    {
        // The result is never longer than the text: written into a buffer, trimmed, copied once.
        char[]? rented = null;
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\r' or '\n' or '\t' or '\f' || (c == ' ' && RunHasBreak(text, i)))
            {
                var start = i;
                while (i < text.Length && text[i] is ' ' or '\r' or '\n' or '\t' or '\f') i++;
                var before = start > 0 ? text[start - 1] : ' ';
                var after = i < text.Length ? text[i] : ' ';
                if (char.IsAscii(before) && char.IsAscii(after) && !char.IsWhiteSpace(before) && !char.IsWhiteSpace(after)) buffer[length++] = ' ';
                continue;
            }
            buffer[length++] = c == '\u00A0' ? ' ' : c;
            i++;
        }
        var result = new string(buffer[..length].Trim());
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    private static bool RunHasBreak(ReadOnlySpan<char> text, int start)
    {
        for (var i = start; i < text.Length && text[i] is ' ' or '\r' or '\n' or '\t' or '\f'; i++)
        {
            if (text[i] is not ' ') return true;
        }
        return false;
    }

    /// <summary>The element's line in the source (1-based) when the parser kept source references, else 0.</summary>
    public static int LineOf(IElement element) => element.SourceReference?.Position.Line ?? 0;
}
