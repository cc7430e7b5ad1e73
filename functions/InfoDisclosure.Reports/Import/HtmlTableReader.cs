using System.Runtime.InteropServices;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>
/// Maps the expanded tables of a page or a Word document to sections 二, 三 and 四. A table is recognised by its
/// content (its position decides only when the content does not), columns by their header labels, rows by their
/// labels with the tolerant matching of the text import. A figure is read only from the cell that holds it: a
/// number that a span would repeat, a cell with no column, or a row that cannot be placed is a finding, never a guess.
/// </summary>
internal sealed class HtmlTableReader(List<Finding> findings)
{
    private sealed record Captioned(TableBlock Table, string? Caption);

    private readonly List<Captioned> _proactive = [];
    private readonly List<TableBlock> _applications = [];
    private readonly List<TableBlock> _review = [];

    /// <summary>The figures of the row being read, reused from row to row.</summary>
    private readonly List<Cell> _figures = [];

    private static readonly string[] ApplicationHeaderWords = ["勾稽", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"];

    /// <summary>Columns and provisions only the 2019 trial format has.</summary>
    private static readonly string[] TrialFormatMarks = ["第二十条第(九)项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量"];

    private static readonly HashSet<string> ProactiveItems = ReportCells.ProactiveTables.SelectMany(p => p.Rows).Select(r => r.Item).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rows of section 二 with their labels normalized once.</summary>
    private static readonly (ProactiveRowLayout Layout, string Normalized)[] ProactiveLayouts =
        ReportCells.ProactiveTables.SelectMany(t => t.Rows).Select(l => (l, LabelMatching.Normalize(l.Item))).ToArray();

    private static readonly string[] NormalizedOutcomeLabels = ReportCells.Outcomes.Select(o => LabelMatching.Normalize(o.Label)).ToArray();

    // What the findings call each row, worded once rather than for every row read.
    private static readonly Dictionary<ProactiveRowLayout, string> ProactiveRowNames =
        ProactiveLayouts.ToDictionary<(ProactiveRowLayout Layout, string), ProactiveRowLayout, string>(l => l.Layout, l => $"第二部分“{l.Layout.Item}”行", ReferenceEqualityComparer.Instance);

    private static readonly Dictionary<ApplicationRow, string> ApplicationRowNames =
        ApplicationRows.All.ToDictionary<ApplicationRow, ApplicationRow, string>(r => r, r => $"第三部分“{r.Where}”行", ReferenceEqualityComparer.Instance);

    /// <summary>Takes a table found in section <paramref name="section"/> (0 outside 二–四), with the caption printed above it if any.</summary>
    public void Add(TableBlock table, int section, string? captionAbove)
    {
        switch (Classify(table.Grid, section))
        {
            case 2: _proactive.Add(new(table, captionAbove)); break;
            case 3: _applications.Add(table); break;
            case 4: _review.Add(table); break;
            default:
                Unreadable(table.Where, $"无法识别的表格，未读入：{FirstRowText(table.Grid)}");
                break;
        }
    }

    /// <summary>
    /// Reads the tables taken into the report. <paramref name="sectionHeading"/> names the line of a section's heading,
    /// null when the page has none (the prose import reports a missing section).
    /// </summary>
    public void Complete(AnnualReport report, Func<int, string?> sectionHeading)
    {
        string SectionWhere(int n) => sectionHeading(n) ?? "全文";
        foreach (var (n, tables) in new[] { (2, _proactive.Count), (3, _applications.Count), (4, _review.Count) })
        {
            if (tables == 0 && sectionHeading(n) is { } heading)
            {
                Unreadable(heading, $"第{LabelMatching.ChineseNumeral(n)}部分没有表格。");
            }
        }

        if (_proactive.Count > 0)
        {
            if (_proactive.Exists(t => HasTrialFormatMark(t.Table.Grid, t.Caption)))
            {
                report.FormatVersion = ReportFormats.Format2019;
                report.LegacyProactiveTables = ReadLegacy();
            }
            else
            {
                report.ProactiveDisclosure = ReadProactive(SectionWhere(2));
            }
        }
        if (_applications.Count > 0) report.Applications = ReadApplications(SectionWhere(3));
        if (_review.Count > 0) report.ReviewAndLitigation = ReadReview();
    }

    public static bool IsCaption(string text)
    {
        var normalized = LabelMatching.Normalize(text);
        return normalized.StartsWith("第二十条", StringComparison.Ordinal)
            || (normalized.StartsWith('第') && normalized.EndsWith('项') && normalized.Length <= 12);
    }

    /// <summary>Text printed with a table that carries no figure: the 勾稽 note, a unit.</summary>
    public static bool IsTableNote(string text)
    {
        var normalized = LabelMatching.Normalize(text);
        return normalized.Contains("勾稽", StringComparison.Ordinal) || normalized.StartsWith("单位", StringComparison.Ordinal);
    }

    private static bool HasTrialFormatMark(HtmlTableGrid grid, string? caption)
    {
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            foreach (var cell in grid.CellSpanOf(r))
            {
                if (StartsIn(cell, r) && IsTrialFormatMark(cell.Text)) return true;
            }
        }
        return IsTrialFormatMark(caption ?? "");
    }

    private static bool IsTrialFormatMark(string text)
    {
        var normalized = LabelMatching.Normalize(text);
        foreach (var mark in TrialFormatMarks)
        {
            if (normalized.Contains(mark, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>A table of section 二, 三 or 四 by its content alone.</summary>
    public static bool IsReportTable(HtmlTableGrid grid) => Classify(grid, 0) != 0;

    private static int Classify(HtmlTableGrid grid, int section)
    {
        bool reconsideration = false, litigation = false, proactive = false;
        // The text of the cells, read where each starts, then the caption.
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            foreach (var cell in grid.CellSpanOf(r))
            {
                if (StartsIn(cell, r) && Classify(cell.Text, ref reconsideration, ref litigation, ref proactive)) return 3;
            }
        }
        if (grid.Caption is { } caption && Classify(caption, ref reconsideration, ref litigation, ref proactive)) return 3;
        if (reconsideration && litigation) return 4;
        if (proactive) return 2;
        return section is 2 or 3 or 4 ? section : 0;
    }

    /// <summary>Whether a text marks section 三's table; else notes what it says of the others.</summary>
    private static bool Classify(string text, ref bool reconsideration, ref bool litigation, ref bool proactive)
    {
        // A figure (most cells) holds none of the words looked for.
        if (!text.AsSpan().ContainsAnyExceptInRange('0', '9')) return false;
        var t = LabelMatching.Normalize(text);
        if (t == "自然人" || t.Contains("本年新收", StringComparison.Ordinal) || t.Contains("结转下年度", StringComparison.Ordinal)) return true;
        reconsideration = reconsideration || t.Contains("行政复议", StringComparison.Ordinal);
        litigation = litigation || t.Contains("行政诉讼", StringComparison.Ordinal) || t.Contains("复议后起诉", StringComparison.Ordinal);
        proactive = proactive || t.StartsWith("第二十条", StringComparison.Ordinal) || t.StartsWith("信息内容", StringComparison.Ordinal) || ProactiveItems.Contains(t);
        return false;
    }

    /// <summary>A cell is read in the row it starts in, not in those its span reaches.</summary>
    private static bool StartsIn(HtmlGridCell cell, int row) => cell.Row == row;

    private static string FirstRowText(HtmlTableGrid grid) =>
        grid.Rows.Count == 0 ? "（空表格）" : string.Join(" | ", grid.CellsOf(0).Select(c => c.Text));

    /// <summary>A label rather than a figure: numbered ("1.", "（一）") or worded (two or more Chinese characters), and not a number.</summary>
    private static bool IsLabel(string cell)
    {
        if (cell.Length == 0 || LabelMatching.IsNumber(cell)) return false;
        if (LabelMatching.MarkerKindOf(cell) != MarkerKind.None) return true;
        var ideographs = 0;
        foreach (var c in cell)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' && ++ideographs >= 2) return true;
        }
        return false;
    }

    /// <summary>
    /// The row label: the last of the label (or empty) cells a row starts with, so a label printed twice or after an
    /// empty cell is not taken for a figure. The first non-empty cell when the row starts with a figure; -1 when empty.
    /// </summary>
    private static int LeadingLabel(ReadOnlySpan<HtmlGridCell> cells)
    {
        var label = -1;
        for (var i = 0; i < cells.Length && (cells[i].Text.Length == 0 || IsLabel(cells[i].Text)); i++)
        {
            if (cells[i].Text.Length > 0) label = i;
        }
        return label >= 0 ? label : FirstNonEmpty(cells);
    }

    private void Unreadable(string where, string message) =>
        findings.Add(new Finding(Rules.ImportUnreadable, Severity.Error, where, message));

    private static string RowWhere(TableBlock table, int row) => table.RowWhere(row);

    private static string Describe(IEnumerable<string> cells) => string.Join(" | ", cells);

    /// <summary>
    /// The figures of a row: the cells from <paramref name="start"/> on, each read from the cell that starts in this
    /// row. Empty cells left of <paramref name="firstFigureColumn"/> are the label's spacers; empty cells from
    /// <paramref name="labelledWidth"/> on stand under no header label, as Word leaves them at the end of uneven rows,
    /// and are no figures. Read into <paramref name="figures"/>; false (and a finding) when the count differs, or when a
    /// non-blank figure would be read twice: from a cell that spans down from a row above, or from one cell that covers
    /// two figure columns.
    /// </summary>
    private bool RowFigures(TableBlock table, int row, ReadOnlySpan<HtmlGridCell> cells, int start, int count, string name, List<Cell> figures, int firstFigureColumn = 0, int labelledWidth = int.MaxValue)
    {
        var skip = start;
        while (skip < cells.Length && cells[skip].Text.Length == 0 && cells[skip].Column < firstFigureColumn) skip++;
        var end = cells.Length;
        while (end > skip && cells[end - 1].Text.Length == 0 && cells[end - 1].Column >= labelledWidth) end--;
        var figureCount = end - skip;
        if (figureCount != count)
        {
            Unreadable(RowWhere(table, row), $"{name}应有{count}个数字单元格，读到{figureCount}个：{Describe(Texts(cells[skip..end]))}，此行未读入。");
            return false;
        }
        for (var i = skip; i < end; i++)
        {
            var f = cells[i];
            if (f.Text.Length > 0 && (f.Row != row || IsRepeated(cells, skip, end, f)))
            {
                Unreadable(RowWhere(table, row), $"{name}第{f.Column + 1}列的单元格“{f.Text}”跨行或跨列，无法确定它属于哪一格，此行未读入。");
                return false;
            }
        }
        figures.Clear();
        for (var i = skip; i < end; i++) figures.Add(LabelMatching.ParseCell(cells[i].Text));
        return true;
    }

    private static string[] Texts(ReadOnlySpan<HtmlGridCell> cells)
    {
        var texts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++) texts[i] = cells[i].Text;
        return texts;
    }

    private static bool IsRepeated(ReadOnlySpan<HtmlGridCell> cells, int from, int end, HtmlGridCell cell)
    {
        var seen = 0;
        for (var i = from; i < end; i++)
        {
            if (ReferenceEquals(cells[i], cell) && ++seen > 1) return true;
        }
        return false;
    }

    /// <summary>How far right the non-empty cells of a header row reach: columns beyond hold no figure.</summary>
    private static int LabelledExtent(HtmlTableGrid grid, int row)
    {
        var extent = 0;
        foreach (var c in grid.CellSpanOf(row))
        {
            if (c.Text.Length > 0) extent = Math.Max(extent, c.Column + c.ColumnSpan);
        }
        return extent;
    }

    /// <summary>How far right the cells that start in a row reach.</summary>
    private static int Extent(HtmlTableGrid grid, int row)
    {
        var extent = 0;
        foreach (var c in grid.CellSpanOf(row))
        {
            if (c.Row == row) extent = Math.Max(extent, c.Column + c.ColumnSpan);
        }
        return extent;
    }

    /// <summary>
    /// A row reaching past its header has a cell too many somewhere, and which one cannot be told: a finding, so that
    /// no figure is read into the wrong column.
    /// </summary>
    private bool Overflows(TableBlock table, int row, int? headerWidth, string name)
    {
        if (headerWidth is not { } width || Extent(table.Grid, row) <= width) return false;
        var beyond = table.Grid.CellsOf(row).Where(c => c.Row == row && c.Column + c.ColumnSpan > width).Select(c => $"第{c.Column + 1}列“{c.Text}”");
        Unreadable(RowWhere(table, row), $"{name}的单元格超出表头（{width}列）：{string.Join("、", beyond)}；整行：{Describe(table.Grid.CellsOf(row).Select(c => c.Text))}，此行未读入。");
        return true;
    }

    // ───────────── Section 二 ─────────────

    private ProactiveDisclosure ReadProactive(string sectionWhere)
    {
        var proactive = new ProactiveDisclosure();
        // The layouts are the template's own instances: compared by reference, without hashing their fields.
        var read = new HashSet<ProactiveRowLayout>(ReferenceEqualityComparer.Instance);
        foreach (var (table, _) in _proactive)
        {
            int? headerWidth = null;
            var labelledWidth = int.MaxValue;
            for (var r = 0; r < table.Grid.Rows.Count; r++)
            {
                var cells = table.Grid.CellSpanOf(r);
                var firstIndex = FirstNonEmpty(cells);
                if (firstIndex < 0 || IsCaption(cells[firstIndex].Text)) continue;
                if (LabelMatching.Normalize(cells[firstIndex].Text).StartsWith("信息内容", StringComparison.Ordinal))
                {
                    headerWidth = Extent(table.Grid, r);
                    labelledWidth = LabelledExtent(table.Grid, r);
                    continue;
                }
                var labelIndex = LeadingLabel(cells);
                var label = cells[labelIndex].Text;

                var normalizedLabel = LabelMatching.Normalize(label);
                var layoutIndex = ProactiveLayoutIndexOf(normalizedLabel);
                if (layoutIndex < 0 || !IsLabel(label))
                {
                    Unreadable(RowWhere(table, r), $"第二部分无法识别的表格行：{Describe(Texts(cells))}");
                    continue;
                }
                var (layout, normalizedItem) = ProactiveLayouts[layoutIndex];
                if (!read.Add(layout))
                {
                    Unreadable(RowWhere(table, r), $"第二部分“{layout.Item}”行重复出现，此行未读入。");
                    continue;
                }
                if (normalizedLabel != normalizedItem) findings.Add(LabelMatching.ProactiveLabelTypo(RowWhere(table, r), label, layout.Item));
                var name = ProactiveRowNames[layout];
                if (Overflows(table, r, headerWidth, name)) continue;
                if (!RowFigures(table, r, cells, labelIndex + 1, layout.Cells.Count, name, _figures, labelledWidth: labelledWidth)) continue;
                for (var i = 0; i < _figures.Count; i++) layout.Cells[i].Set(proactive, _figures[i]);
            }
        }
        foreach (var (missing, _) in ProactiveLayouts)
        {
            if (!read.Contains(missing)) Unreadable(sectionWhere, $"第二部分缺少“{missing.Item}”行。");
        }
        return proactive;
    }

    /// <summary>Whether a label names a row of section 二 (2021 format).</summary>
    internal static bool IsProactiveRowLabel(string label) => ProactiveLayoutIndexOf(LabelMatching.Normalize(label)) >= 0;

    /// <summary>Whether a label is worded as the template words a row of section 二 (2021 format).</summary>
    internal static bool IsProactiveRowLabelAsWorded(string label)
    {
        var normalized = LabelMatching.Normalize(label);
        foreach (var (_, item) in ProactiveLayouts)
        {
            if (item == normalized) return true;
        }
        return false;
    }

    /// <summary>
    /// The row of section 二 a label names, as an index of <see cref="ProactiveLayouts"/>: the same label, else the most
    /// similar (at least 0.6; the first of equals); -1 when none.
    /// </summary>
    private static int ProactiveLayoutIndexOf(string normalized)
    {
        for (var i = 0; i < ProactiveLayouts.Length; i++)
        {
            if (ProactiveLayouts[i].Normalized == normalized) return i;
        }
        var best = -1;
        var bestScore = 0.0;
        for (var i = 0; i < ProactiveLayouts.Length; i++)
        {
            var score = LabelMatching.SimilarityOfNormalized(ProactiveLayouts[i].Normalized, normalized);
            if (score >= 0.6 && (best < 0 || score > bestScore))
            {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    private static int FirstNonEmpty(ReadOnlySpan<HtmlGridCell> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Text.Length > 0) return i;
        }
        return -1;
    }

    /// <summary>Section 二 of the 2019 trial format, kept as printed: caption, header and rows of each table.</summary>
    private List<SimpleTable> ReadLegacy()
    {
        var tables = new List<SimpleTable>();
        foreach (var (block, captionAbove) in _proactive)
        {
            var grid = block.Grid;
            var caption = captionAbove ?? grid.Caption;
            SimpleTable? table = caption is null ? null : new SimpleTable { Caption = caption };
            if (table is not null) tables.Add(table);
            int? headerWidth = null;
            var labelledWidth = int.MaxValue;
            for (var r = 0; r < grid.Rows.Count; r++)
            {
                var cells = grid.CellsOf(r).ToList();
                var texts = cells.Select(c => c.Text).ToList();
                if (texts.All(t => t.Length == 0)) continue;
                if (IsCaption(texts[0]) && texts.Skip(1).All(t => t.Length == 0))
                {
                    if (table is { Header.Count: 0, Rows.Count: 0 })
                    {
                        table.Caption = texts[0];
                        continue;
                    }
                    table = new SimpleTable { Caption = texts[0] };
                    tables.Add(table);
                    continue;
                }
                if (table is null)
                {
                    Unreadable(RowWhere(block, r), $"第二部分表格标题（第二十条第（×）项）之前的行：{Describe(texts)}");
                    continue;
                }
                if (LabelMatching.Normalize(texts[0]).StartsWith("信息内容", StringComparison.Ordinal) && table.Header.Count == 0)
                {
                    headerWidth = Extent(grid, r);
                    labelledWidth = LabelledExtent(grid, r);
                    var header = texts.ToList();
                    while (header.Count > 0 && header[^1].Length == 0) header.RemoveAt(header.Count - 1);
                    table.Header = header;
                    continue;
                }
                if (!IsLabel(texts[0]) || table.Header.Count == 0)
                {
                    Unreadable(RowWhere(block, r), $"第二部分无法识别的表格行：{Describe(texts)}");
                    continue;
                }
                if (Overflows(block, r, headerWidth, $"第二部分“{texts[0]}”行")) continue;
                // Kept in the report: a list of the row's own.
                var figures = new List<Cell>();
                if (RowFigures(block, r, grid.CellSpanOf(r), 1, table.Header.Count - 1, $"第二部分“{texts[0]}”行", figures, labelledWidth: labelledWidth))
                {
                    table.Rows.Add(new SimpleRow { Label = texts[0], Cells = figures });
                }
            }
        }
        return tables;
    }

    // ───────────── Section 三 ─────────────

    private ApplicationTable ReadApplications(string sectionWhere)
    {
        var result = new ApplicationTable();
        var matcher = new ApplicationRowMatcher();
        // The rows are the template's own instances: compared by reference, without hashing their fields.
        var read = new Dictionary<ApplicationRow, ApplicantCounts>(ReferenceEqualityComparer.Instance);
        int[]? columns = null;
        int? headerWidth = null;
        // Gathered for one row at a time, reused from row to row.
        var labelCells = new List<HtmlGridCell>();
        var labels = new List<string>();
        var slots = new List<HtmlGridCell>(7);
        foreach (var table in _applications)
        {
            var grid = table.Grid;
            var headerRows = 0;
            while (headerRows < grid.Rows.Count && IsApplicationHeader(grid, headerRows)) headerRows++;
            columns = headerRows > 0 ? ApplicantColumnsOf(table, headerRows) : columns ?? TemplateColumns(grid);
            headerWidth = headerRows > 0 ? Enumerable.Range(0, headerRows).Max(r => Extent(grid, r)) : headerWidth;
            if (columns is null)
            {
                if (headerRows == 0) Unreadable(table.Where, $"第三部分表格只有{grid.Width}列，少于7个数字列，表格未读入。");
                continue;
            }
            var firstFigure = columns.Min();
            var labelledWidth = columns.Max() + 1;

            for (var r = headerRows; r < grid.Rows.Count; r++)
            {
                var rowCells = grid.CellSpanOf(r);
                if (AllBlank(rowCells)) continue;

                // Labels where the template has them; a row shifted left or right is read by its label cells instead.
                labelCells.Clear();
                for (var c = 0; c < firstFigure; c++)
                {
                    if (grid[r, c] is { } cell && !ContainsCell(labelCells, cell)) labelCells.Add(cell);
                }
                labels.Clear();
                foreach (var cell in labelCells)
                {
                    if (cell.Text.Length > 0) labels.Add(cell.Text);
                }
                ReadOnlySpan<HtmlGridCell> figureCells;
                var figureStart = 0;
                if (labels.Count > 0 && !HasExtraFigure(rowCells, r, firstFigure, columns) && !labels.Exists(LabelMatching.IsNumber) && AreFigureSlots(grid, r, columns))
                {
                    slots.Clear();
                    foreach (var c in columns) slots.Add(grid[r, c]!);
                    figureCells = CollectionsMarshal.AsSpan(slots);
                }
                else
                {
                    var labelIndex = Math.Min(rowCells.Length - 1, 3);
                    while (labelIndex >= 0 && !IsLabel(rowCells[labelIndex].Text)) labelIndex--;
                    if (labelIndex < 0)
                    {
                        Unreadable(RowWhere(table, r), $"第三部分表格第{r + 1}行没有行名，未读入：{Describe(Texts(rowCells))}");
                        continue;
                    }
                    labels.Clear();
                    for (var i = 0; i <= labelIndex; i++)
                    {
                        if (rowCells[i].Text.Length > 0) labels.Add(rowCells[i].Text);
                    }
                    figureCells = rowCells;
                    figureStart = labelIndex + 1;
                }

                var (outcome, row) = matcher.Match(labels);
                if (outcome == ApplicationRowMatcher.Outcome.GroupHeading && AllBlank(figureCells[figureStart..])) continue;
                if (row is null)
                {
                    Unreadable(RowWhere(table, r), $"第三部分无法识别的表格行（第{r + 1}行）：{Describe(Texts(rowCells))}");
                    continue;
                }
                if (read.ContainsKey(row))
                {
                    Unreadable(RowWhere(table, r), $"第三部分“{row.Where}”行重复出现，此行未读入。");
                    continue;
                }
                if (matcher.Typo is not null) findings.Add(matcher.TypoFinding(RowWhere(table, r), row)!);
                var name = ApplicationRowNames[row];
                var hasFigures = !Overflows(table, r, headerWidth, name) && RowFigures(table, r, figureCells, figureStart, 7, name, _figures, firstFigure, labelledWidth);
                // The table's own blank counts are filled in place (each row is read once); the single row of （六）
                // has none until it is chosen below.
                var counts = row.Get(result) ?? new ApplicantCounts();
                if (hasFigures)
                {
                    for (var c = 0; c < 7; c++) counts[ApplicantCounts.Columns[c]] = _figures[c];
                }
                read[row] = counts;
            }
        }

        var subItems = ApplicationRows.OtherProcessing.Where(read.ContainsKey).ToList();
        if (read.TryGetValue(ApplicationRows.OtherProcessingSingleRow, out var single))
        {
            if (subItems.Count == 0) result.OtherProcessing = OtherProcessingCounts.AsSingleRow(single);
            else Unreadable(sectionWhere, "第三部分（六）其他处理既有一行合计又有分项，只读入分项。");
        }
        foreach (var row in ApplicationRows.All)
        {
            if (row == ApplicationRows.OtherProcessingSingleRow || row.Get(result) is null) continue;
            if (read.TryGetValue(row, out var counts)) row.Set(result, counts);
            else Unreadable(sectionWhere, $"第三部分缺少“{row.Where}”行。");
        }
        return result;
    }

    private static bool ContainsCell(List<HtmlGridCell> cells, HtmlGridCell cell)
    {
        foreach (var seen in cells)
        {
            if (ReferenceEquals(seen, cell)) return true;
        }
        return false;
    }

    /// <summary>Whether every applicant column of the row holds a cell, and none a label.</summary>
    private static bool AreFigureSlots(HtmlTableGrid grid, int row, int[] columns)
    {
        foreach (var c in columns)
        {
            if (grid[row, c] is not { } slot || IsLabel(slot.Text)) return false;
        }
        return true;
    }

    private static bool AllBlank(ReadOnlySpan<HtmlGridCell> cells)
    {
        foreach (var c in cells)
        {
            if (c.Text.Length > 0) return false;
        }
        return true;
    }

    /// <summary>A non-empty cell starting in the row right of the labels, in no applicant column.</summary>
    private static bool HasExtraFigure(ReadOnlySpan<HtmlGridCell> cells, int row, int firstFigure, int[] columns)
    {
        foreach (var c in cells)
        {
            if (c.Row == row && c.Column >= firstFigure && c.Text.Length > 0 && Array.IndexOf(columns, c.Column) < 0) return true;
        }
        return false;
    }

    private static bool IsApplicationHeader(HtmlTableGrid grid, int row)
    {
        var cells = grid.CellSpanOf(row);
        var headerWord = false;
        foreach (var c in cells)
        {
            if (LabelMatching.IsNumber(c.Text)) return false;
            if (!headerWord)
            {
                var normalized = LabelMatching.Normalize(c.Text);
                headerWord = Array.Exists(ApplicationHeaderWords, w => normalized.Contains(w, StringComparison.Ordinal));
            }
        }
        return headerWord;
    }

    /// <summary>
    /// The grid column of each applicant column, by the lowest label in each column: a rowspan reaches down to the
    /// lowest header row, and where Word's merged cells were copied flat the label stays in the row it was in.
    /// </summary>
    private int[]? ApplicantColumnsOf(TableBlock table, int headerRows)
    {
        var grid = table.Grid;
        var leaf = new string[grid.Width];
        for (var c = 0; c < leaf.Length; c++) leaf[c] = LabelMatching.Normalize(LowestLabel(grid, headerRows, c));
        var columns = new int[7];
        for (var k = 0; k < 7; k++)
        {
            var label = ApplicantCounts.Label(ApplicantCounts.Columns[k]);
            // The one column so labelled; none or two are as bad.
            var column = Array.IndexOf(leaf, label);
            if (column < 0 || Array.IndexOf(leaf, label, column + 1) >= 0)
            {
                if (TemplateColumns(grid) is { } template) return template;
                Unreadable(table.Where, $"第三部分表头中找不到“{label}”列，表格未读入。");
                return null;
            }
            columns[k] = column;
        }
        return columns;
    }

    /// <summary>The text of the lowest non-empty header cell in a column, "" when none.</summary>
    private static string LowestLabel(HtmlTableGrid grid, int headerRows, int column)
    {
        for (var r = headerRows - 1; r >= 0; r--)
        {
            if (grid[r, column] is { Text.Length: > 0 } cell) return cell.Text;
        }
        return "";
    }

    /// <summary>The template's layout: label columns, then the seven figure columns last.</summary>
    private static int[]? TemplateColumns(HtmlTableGrid grid) =>
        grid.Width >= 8 ? Enumerable.Range(grid.Width - 7, 7).ToArray() : null;

    // ───────────── Section 四 ─────────────

    /// <summary>Section 四; all blank (with a finding) when the table is there but its figures cannot be placed.</summary>
    private ReviewAndLitigation ReadReview()
    {
        var table = _review[0];
        foreach (var another in _review.Skip(1)) Unreadable(another.Where, "第四部分的第二个表格，未读入。");

        var grid = table.Grid;
        var headerRows = new List<int>();
        var dataRows = new List<int>();
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            var header = false;
            foreach (var c in grid.CellSpanOf(r)) header = header || IsLabel(c.Text);
            (header ? headerRows : dataRows).Add(r);
        }
        if (dataRows.Count == 0)
        {
            Unreadable(table.Where, "第四部分表格没有数字行（15个单元格）。");
            return new ReviewAndLitigation();
        }
        foreach (var r in headerRows)
        {
            foreach (var c in grid.CellSpanOf(r))
            {
                if (c.Row == r && LabelMatching.MistypedLabel(c.Text, LabelMatching.ReviewHeaderWordings) is { } template) findings.Add(LabelMatching.ReviewLabelTypo(RowWhere(table, r), c.Text, template));
            }
        }
        var columns = ReviewColumnsOf(grid, headerRows);
        if (columns is null)
        {
            Unreadable(table.Where, "第四部分表头无法识别（应为行政复议、未经复议直接起诉、复议后起诉各5列），表格未读入。");
            return new ReviewAndLitigation();
        }
        var row = dataRows[0];
        for (var i = 1; i < dataRows.Count; i++)
        {
            var more = dataRows[i];
            if (!AllBlank(grid.CellSpanOf(more))) Unreadable(RowWhere(table, more), $"第四部分有多于一行数字，此行未读入：{Describe(Texts(grid.CellSpanOf(more)))}");
        }
        var result = new ReviewAndLitigation();
        // An empty cell under the header's own empty cells is Word's uneven row; anything else is a cell too many.
        var headerWidth = headerRows.Count == 0 ? grid.Width : headerRows.Max(r => Extent(grid, r));
        bool IsExtra(HtmlGridCell c) => c.Row == row && Array.IndexOf(columns, c.Column) < 0 && (c.Text.Length > 0 || c.Column + c.ColumnSpan > headerWidth);
        if (grid.CellsOf(row).Any(IsExtra))
        {
            Unreadable(RowWhere(table, row), $"第四部分数字行在表头之外还有单元格：{Describe(grid.CellsOf(row).Where(IsExtra).Select(c => c.Text))}，此行未读入。");
            return result;
        }
        var figureCells = new List<HtmlGridCell>(columns.Length);
        foreach (var c in columns)
        {
            if (grid[row, c] is { } cell) figureCells.Add(cell);
        }
        if (!RowFigures(table, row, CollectionsMarshal.AsSpan(figureCells), 0, 15, "第四部分", _figures)) return result;
        var k = 0;
        foreach (var group in ReportCells.ReviewGroups)
        {
            foreach (var outcome in ReportCells.Outcomes) outcome.Set(group.Get(result), _figures[k++]);
        }
        return result;
    }

    /// <summary>
    /// The grid column of each of the 15 cells in template order (group by group), from each column's header path
    /// (行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉 › 结果维持 …); the template's order when there is no header.
    /// </summary>
    private static int[]? ReviewColumnsOf(HtmlTableGrid grid, List<int> headerRows)
    {
        if (headerRows.Count == 0) return grid.Width == 15 ? Enumerable.Range(0, 15).ToArray() : null;
        var columns = new int[15];
        Array.Fill(columns, -1);
        // A group label copied flat from Word's merged cells stands in the first of its columns, the rest left empty.
        var groupsNamed = new int[grid.Width];
        foreach (var r in headerRows) AddGroupsNamedRight(grid, r, groupsNamed);
        for (var c = 0; c < grid.Width; c++)
        {
            // The lowest non-empty label over the column: its outcome.
            string? leaf = null;
            foreach (var r in headerRows)
            {
                if (grid[r, c] is { } cell && LabelMatching.Normalize(cell.Text) is { Length: > 0 } text) leaf = text;
            }
            if (leaf is null) continue;
            var group = (groupsNamed[c] & (1 << 2)) != 0 ? 2
                : (groupsNamed[c] & (1 << 1)) != 0 ? 1
                : (groupsNamed[c] & (1 << 0)) != 0 ? 0
                : -1;
            var outcome = Array.IndexOf(NormalizedOutcomeLabels, leaf);
            if (outcome < 0)
            {
                var bestScore = 0.0;
                for (var i = 0; i < NormalizedOutcomeLabels.Length; i++)
                {
                    // The first of equal scores wins.
                    var score = LabelMatching.SimilarityOfNormalized(NormalizedOutcomeLabels[i], leaf);
                    if (score >= 0.6 && (outcome < 0 || score > bestScore))
                    {
                        outcome = i;
                        bestScore = score;
                    }
                }
            }
            if (group < 0 || outcome < 0 || columns[group * 5 + outcome] >= 0) return null;
            columns[group * 5 + outcome] = c;
        }
        return Array.TrueForAll(columns, c => c >= 0) ? columns : null;
    }

    /// <summary>The groups of section 四 in template order, as their header labels name them.</summary>
    private static readonly string[] ReviewGroupLabels = ["行政复议", "未经复议直接起诉", "复议后起诉"];

    /// <summary>
    /// Marks in <paramref name="groupsNamed"/> (bit k for group k) the groups a header row's labels name in each column,
    /// each empty slot taking the label on its left.
    /// </summary>
    private static void AddGroupsNamedRight(HtmlTableGrid grid, int row, int[] groupsNamed)
    {
        HtmlGridCell? last = null;
        var named = 0;
        for (var c = 0; c < grid.Width; c++)
        {
            // A label spanning columns is the same cell in each: looked at once.
            if (grid[row, c] is { } cell && !ReferenceEquals(cell, last) && LabelMatching.Normalize(cell.Text) is { Length: > 0 } text)
            {
                last = cell;
                named = TemplateHeaderGroups.TryGetValue(text, out var known) ? known : GroupsNamed(text);
            }
            groupsNamed[c] |= named;
        }
    }

    /// <summary>The groups (bit k for group k) a normalized header label names.</summary>
    private static int GroupsNamed(string label)
    {
        var named = 0;
        for (var k = 0; k < ReviewGroupLabels.Length; k++)
        {
            if (Names(label, ReviewGroupLabels[k])) named |= 1 << k;
        }
        return named;
    }

    /// <summary>What the template's own header labels name, worked out once: most tables print only these.</summary>
    private static readonly Dictionary<string, int> TemplateHeaderGroups = LabelMatching.ReviewHeaderWordings
        .Select(LabelMatching.Normalize).Distinct().ToDictionary(label => label, GroupsNamed, StringComparer.Ordinal);

    /// <summary>Whether a header label is a group's, as printed or mistyped (its LABEL.TYPO is given with the header).</summary>
    private static bool Names(string label, string group) =>
        label.Contains(group, StringComparison.Ordinal) || LabelMatching.MistypedLabel(label, [group]) is not null;
}
