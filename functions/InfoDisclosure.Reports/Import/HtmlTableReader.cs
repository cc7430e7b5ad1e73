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

    private static readonly string[] ApplicationHeaderWords = ["勾稽", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"];

    /// <summary>Columns and provisions only the 2019 trial format has.</summary>
    private static readonly string[] TrialFormatMarks = ["第二十条第(九)项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量"];

    private static readonly HashSet<string> ProactiveItems = ReportCells.ProactiveTables.SelectMany(p => p.Rows).Select(r => r.Item).ToHashSet(StringComparer.Ordinal);

    /// <summary>The rows of section 二 with their labels normalized once.</summary>
    private static readonly (ProactiveRowLayout Layout, string Normalized)[] ProactiveLayouts =
        ReportCells.ProactiveTables.SelectMany(t => t.Rows).Select(l => (l, LabelMatching.Normalize(l.Item))).ToArray();

    private static readonly string[] NormalizedOutcomeLabels = ReportCells.Outcomes.Select(o => LabelMatching.Normalize(o.Label)).ToArray();

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
            var legacy = _proactive.Any(t => AllTexts(t.Table.Grid).Append(t.Caption ?? "")
                .Select(LabelMatching.Normalize).Any(text => TrialFormatMarks.Any(m => text.Contains(m, StringComparison.Ordinal))));
            if (legacy)
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

    /// <summary>A table of section 二, 三 or 四 by its content alone.</summary>
    public static bool IsReportTable(HtmlTableGrid grid) => Classify(grid, 0) != 0;

    private static int Classify(HtmlTableGrid grid, int section)
    {
        var texts = new List<string>();
        foreach (var text in AllTexts(grid)) texts.Add(LabelMatching.Normalize(text));
        if (grid.Caption is { } caption) texts.Add(LabelMatching.Normalize(caption));
        bool reconsideration = false, litigation = false, proactive = false;
        foreach (var t in texts)
        {
            if (t == "自然人" || t.Contains("本年新收", StringComparison.Ordinal) || t.Contains("结转下年度", StringComparison.Ordinal)) return 3;
            reconsideration |= t.Contains("行政复议", StringComparison.Ordinal);
            litigation |= t.Contains("行政诉讼", StringComparison.Ordinal) || t.Contains("复议后起诉", StringComparison.Ordinal);
            proactive |= t.StartsWith("第二十条", StringComparison.Ordinal) || t.StartsWith("信息内容", StringComparison.Ordinal) || ProactiveItems.Contains(t);
        }
        if (reconsideration && litigation) return 4;
        if (proactive) return 2;
        return section is 2 or 3 or 4 ? section : 0;
    }

    /// <summary>The text of the cells, read where each starts (for tests on any of them).</summary>
    private static IEnumerable<string> AllTexts(HtmlTableGrid grid)
    {
        // A cell is first met in the row it starts in.
        for (var r = 0; r < grid.Rows.Count; r++)
        {
            foreach (var cell in grid.CellsOf(r))
            {
                if (cell.Row == r) yield return cell.Text;
            }
        }
    }

    private static string FirstRowText(HtmlTableGrid grid) =>
        grid.Rows.Count == 0 ? "（空表格）" : string.Join(" | ", grid.CellsOf(0).Select(c => c.Text));

    /// <summary>A label rather than a figure: numbered ("1.", "（一）") or worded (two or more Chinese characters), and not a number.</summary>
    private static bool IsLabel(string cell)
    {
        if (cell.Length == 0 || LabelMatching.IsNumber(cell)) return false;
        if (LabelMatching.ParseMarker(cell).Kind != MarkerKind.None) return true;
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
    private static int LeadingLabel(List<HtmlGridCell> cells)
    {
        var label = -1;
        for (var i = 0; i < cells.Count && (cells[i].Text.Length == 0 || IsLabel(cells[i].Text)); i++)
        {
            if (cells[i].Text.Length > 0) label = i;
        }
        return label >= 0 ? label : cells.FindIndex(c => c.Text.Length > 0);
    }

    private void Unreadable(string where, string message) =>
        findings.Add(new Finding(Rules.ImportUnreadable, Severity.Error, where, message));

    private static string RowWhere(TableBlock table, int row) => table.RowWhere(row);

    private static string Describe(IEnumerable<string> cells) => string.Join(" | ", cells);

    /// <summary>
    /// The figures of a row: the cells after its label, each read from the cell that starts in this row. Empty cells
    /// left of <paramref name="firstFigureColumn"/> are the label's spacers; empty cells from
    /// <paramref name="labelledWidth"/> on stand under no header label, as Word leaves them at the end of uneven rows,
    /// and are no figures. Null (and a finding) when the count differs, or when a non-blank figure would be read twice:
    /// from a cell that spans down from a row above, or from one cell that covers two figure columns.
    /// </summary>
    private List<Cell>? RowFigures(TableBlock table, int row, List<HtmlGridCell> cells, int count, string name, int firstFigureColumn = 0, int labelledWidth = int.MaxValue)
    {
        var skip = 0;
        while (skip < cells.Count && cells[skip].Text.Length == 0 && cells[skip].Column < firstFigureColumn) skip++;
        var end = cells.Count;
        while (end > skip && cells[end - 1].Text.Length == 0 && cells[end - 1].Column >= labelledWidth) end--;
        if (end < cells.Count) cells = cells.GetRange(0, end);
        var figureCount = cells.Count - skip;
        if (figureCount != count)
        {
            Unreadable(RowWhere(table, row), $"{name}应有{count}个数字单元格，读到{figureCount}个：{Describe(cells.Skip(skip).Select(f => f.Text))}，此行未读入。");
            return null;
        }
        for (var i = skip; i < cells.Count; i++)
        {
            var f = cells[i];
            if (f.Text.Length > 0 && (f.Row != row || IsRepeated(cells, skip, f)))
            {
                Unreadable(RowWhere(table, row), $"{name}第{f.Column + 1}列的单元格“{f.Text}”跨行或跨列，无法确定它属于哪一格，此行未读入。");
                return null;
            }
        }
        var result = new List<Cell>(figureCount);
        for (var i = skip; i < cells.Count; i++) result.Add(LabelMatching.ParseCell(cells[i].Text));
        return result;
    }

    private static bool IsRepeated(List<HtmlGridCell> cells, int from, HtmlGridCell cell)
    {
        var seen = 0;
        for (var i = from; i < cells.Count; i++)
        {
            if (ReferenceEquals(cells[i], cell) && ++seen > 1) return true;
        }
        return false;
    }

    /// <summary>How far right the non-empty cells of a header row reach: columns beyond hold no figure.</summary>
    private static int LabelledExtent(HtmlTableGrid grid, int row)
    {
        var extent = 0;
        foreach (var c in grid.CellsOf(row))
        {
            if (c.Text.Length > 0) extent = Math.Max(extent, c.Column + c.ColumnSpan);
        }
        return extent;
    }

    /// <summary>How far right the cells that start in a row reach.</summary>
    private static int Extent(HtmlTableGrid grid, int row)
    {
        var extent = 0;
        foreach (var c in grid.CellsOf(row))
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
        var read = new HashSet<ProactiveRowLayout>();
        foreach (var (table, _) in _proactive)
        {
            int? headerWidth = null;
            var labelledWidth = int.MaxValue;
            for (var r = 0; r < table.Grid.Rows.Count; r++)
            {
                var cells = table.Grid.CellsOf(r).ToList();
                var first = cells.Find(c => c.Text.Length > 0);
                if (first is null || IsCaption(first.Text)) continue;
                if (LabelMatching.Normalize(first.Text).StartsWith("信息内容", StringComparison.Ordinal))
                {
                    headerWidth = Extent(table.Grid, r);
                    labelledWidth = LabelledExtent(table.Grid, r);
                    continue;
                }
                var labelIndex = LeadingLabel(cells);
                var label = cells[labelIndex].Text;

                var layout = ProactiveLayoutOf(LabelMatching.Normalize(label));
                if (layout is null || !IsLabel(label))
                {
                    Unreadable(RowWhere(table, r), $"第二部分无法识别的表格行：{Describe(cells.Select(c => c.Text))}");
                    continue;
                }
                if (!read.Add(layout))
                {
                    Unreadable(RowWhere(table, r), $"第二部分“{layout.Item}”行重复出现，此行未读入。");
                    continue;
                }
                if (LabelMatching.Normalize(label) != LabelMatching.Normalize(layout.Item)) findings.Add(LabelMatching.ProactiveLabelTypo(RowWhere(table, r), label, layout.Item));
                if (Overflows(table, r, headerWidth, $"第二部分“{layout.Item}”行")) continue;
                var figures = RowFigures(table, r, cells.Skip(labelIndex + 1).ToList(), layout.Cells.Count, $"第二部分“{layout.Item}”行", labelledWidth: labelledWidth);
                if (figures is null) continue;
                for (var i = 0; i < figures.Count; i++) layout.Cells[i].Set(proactive, figures[i]);
            }
        }
        foreach (var (missing, _) in ProactiveLayouts)
        {
            if (!read.Contains(missing)) Unreadable(sectionWhere, $"第二部分缺少“{missing.Item}”行。");
        }
        return proactive;
    }

    /// <summary>Whether a label names a row of section 二 (2021 format).</summary>
    internal static bool IsProactiveRowLabel(string label) => ProactiveLayoutOf(LabelMatching.Normalize(label)) is not null;

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

    /// <summary>The row of section 二 a label names: the same label, else the most similar (at least 0.6; the first of equals).</summary>
    private static ProactiveRowLayout? ProactiveLayoutOf(string normalized)
    {
        foreach (var (layout, item) in ProactiveLayouts)
        {
            if (item == normalized) return layout;
        }
        ProactiveRowLayout? best = null;
        var bestScore = 0.0;
        foreach (var (layout, item) in ProactiveLayouts)
        {
            var score = LabelMatching.SimilarityOfNormalized(item, normalized);
            if (score >= 0.6 && (best is null || score > bestScore))
            {
                best = layout;
                bestScore = score;
            }
        }
        return best;
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
                var figures = RowFigures(block, r, cells.Skip(1).ToList(), table.Header.Count - 1, $"第二部分“{texts[0]}”行", labelledWidth: labelledWidth);
                if (figures is not null) table.Rows.Add(new SimpleRow { Label = texts[0], Cells = figures });
            }
        }
        return tables;
    }

    // ───────────── Section 三 ─────────────

    private ApplicationTable ReadApplications(string sectionWhere)
    {
        var matcher = new ApplicationRowMatcher();
        // The rows are the template's own instances: compared by reference, without hashing their fields.
        var read = new Dictionary<ApplicationRow, ApplicantCounts>(ReferenceEqualityComparer.Instance);
        int[]? columns = null;
        int? headerWidth = null;
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

            for (var r = headerRows; r < grid.Rows.Count; r++)
            {
                var rowCells = grid.CellsOf(r);
                if (AllBlank(rowCells)) continue;

                // Labels where the template has them; a row shifted left or right is read by its label cells instead.
                var labelCells = new List<HtmlGridCell>();
                for (var c = 0; c < firstFigure; c++)
                {
                    if (grid[r, c] is { } cell && !labelCells.Exists(seen => ReferenceEquals(seen, cell))) labelCells.Add(cell);
                }
                var labels = labelCells.Select(c => c.Text).Where(t => t.Length > 0).ToList();
                var gridShaped = labels.Count > 0 && !HasExtraFigure(rowCells, r, firstFigure, columns) && !labels.Exists(LabelMatching.IsNumber)
                    && Array.TrueForAll(columns, c => grid[r, c] is { } slot && !IsLabel(slot.Text));
                List<HtmlGridCell>? figureCells = gridShaped
                    ? columns.Select(c => grid[r, c]!).ToList()
                    : null;
                if (figureCells is null)
                {
                    var labelIndex = Math.Min(rowCells.Count - 1, 3);
                    while (labelIndex >= 0 && !IsLabel(rowCells[labelIndex].Text)) labelIndex--;
                    if (labelIndex < 0)
                    {
                        Unreadable(RowWhere(table, r), $"第三部分表格第{r + 1}行没有行名，未读入：{Describe(rowCells.Select(c => c.Text))}");
                        continue;
                    }
                    labels = rowCells.Take(labelIndex + 1).Select(c => c.Text).Where(t => t.Length > 0).ToList();
                    figureCells = rowCells.Skip(labelIndex + 1).ToList();
                }

                var (outcome, row) = matcher.Match(labels);
                if (outcome == ApplicationRowMatcher.Outcome.GroupHeading && AllBlank(figureCells)) continue;
                if (row is null)
                {
                    Unreadable(RowWhere(table, r), $"第三部分无法识别的表格行（第{r + 1}行）：{Describe(rowCells.Select(c => c.Text))}");
                    continue;
                }
                if (read.ContainsKey(row))
                {
                    Unreadable(RowWhere(table, r), $"第三部分“{row.Where}”行重复出现，此行未读入。");
                    continue;
                }
                if (matcher.TypoFinding(RowWhere(table, r), row) is { } typo) findings.Add(typo);
                var name = $"第三部分“{row.Where}”行";
                var figures = Overflows(table, r, headerWidth, name) ? null : RowFigures(table, r, figureCells, 7, name, firstFigure, columns.Max() + 1);
                var counts = new ApplicantCounts();
                if (figures is not null)
                {
                    for (var c = 0; c < 7; c++) counts[ApplicantCounts.Columns[c]] = figures[c];
                }
                read[row] = counts;
            }
        }

        var result = new ApplicationTable();
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

    private static bool AllBlank(IReadOnlyList<HtmlGridCell> cells)
    {
        foreach (var c in cells)
        {
            if (c.Text.Length > 0) return false;
        }
        return true;
    }

    /// <summary>A non-empty cell starting in the row right of the labels, in no applicant column.</summary>
    private static bool HasExtraFigure(IReadOnlyList<HtmlGridCell> cells, int row, int firstFigure, int[] columns)
    {
        foreach (var c in cells)
        {
            if (c.Row == row && c.Column >= firstFigure && c.Text.Length > 0 && Array.IndexOf(columns, c.Column) < 0) return true;
        }
        return false;
    }

    private static bool IsApplicationHeader(HtmlTableGrid grid, int row)
    {
        var cells = grid.CellsOf(row);
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
        var leaf = Enumerable.Range(0, grid.Width).Select(c => LabelMatching.Normalize(LowestLabel(grid, headerRows, c))).ToList();
        var columns = new int[7];
        for (var k = 0; k < 7; k++)
        {
            var label = ApplicantCounts.Label(ApplicantCounts.Columns[k]);
            var matches = Enumerable.Range(0, grid.Width).Where(c => leaf[c] == label).ToList();
            if (matches.Count != 1)
            {
                if (TemplateColumns(grid) is { } template) return template;
                Unreadable(table.Where, $"第三部分表头中找不到“{label}”列，表格未读入。");
                return null;
            }
            columns[k] = matches[0];
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
            foreach (var c in grid.CellsOf(r)) header = header || IsLabel(c.Text);
            (header ? headerRows : dataRows).Add(r);
        }
        if (dataRows.Count == 0)
        {
            Unreadable(table.Where, "第四部分表格没有数字行（15个单元格）。");
            return new ReviewAndLitigation();
        }
        foreach (var r in headerRows)
        {
            foreach (var c in grid.CellsOf(r))
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
        foreach (var more in dataRows.Skip(1).Where(r => grid.CellsOf(r).Any(c => c.Text.Length > 0)))
        {
            Unreadable(RowWhere(table, more), $"第四部分有多于一行数字，此行未读入：{Describe(grid.CellsOf(more).Select(c => c.Text))}");
        }
        var result = new ReviewAndLitigation();
        // An empty cell under the header's own empty cells is Word's uneven row; anything else is a cell too many.
        var headerWidth = headerRows.Count == 0 ? grid.Width : headerRows.Max(r => Extent(grid, r));
        var extra = grid.CellsOf(row).Where(c => c.Row == row && !columns.Contains(c.Column) && (c.Text.Length > 0 || c.Column + c.ColumnSpan > headerWidth)).ToList();
        if (extra.Count > 0)
        {
            Unreadable(RowWhere(table, row), $"第四部分数字行在表头之外还有单元格：{Describe(extra.Select(c => c.Text))}，此行未读入。");
            return result;
        }
        var figures = RowFigures(table, row, columns.Select(c => grid[row, c]).OfType<HtmlGridCell>().ToList(), 15, "第四部分");
        if (figures is null) return result;
        var k = 0;
        foreach (var group in ReportCells.ReviewGroups)
        {
            foreach (var outcome in ReportCells.Outcomes) outcome.Set(group.Get(result), figures[k++]);
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
        var groupLabels = headerRows.Select(r => FilledRight(grid, r)).ToList();
        for (var c = 0; c < grid.Width; c++)
        {
            var path = headerRows.Select(r => grid[r, c]).OfType<HtmlGridCell>().Distinct().Select(h => LabelMatching.Normalize(h.Text)).Where(t => t.Length > 0).ToList();
            if (path.Count == 0) continue;
            var groups = groupLabels.Select(g => g[c]).ToList();
            var group = groups.Any(p => Names(p, "复议后起诉")) ? 2
                : groups.Any(p => Names(p, "未经复议直接起诉")) ? 1
                : groups.Any(p => Names(p, "行政复议")) ? 0
                : -1;
            var outcome = -1;
            var bestScore = 0.0;
            for (var i = 0; i < NormalizedOutcomeLabels.Length; i++)
            {
                // path[^1] is normalized already; the first of equal scores wins.
                var score = LabelMatching.SimilarityOfNormalized(NormalizedOutcomeLabels[i], path[^1]);
                if (score >= 0.6 && (outcome < 0 || score > bestScore))
                {
                    outcome = i;
                    bestScore = score;
                }
            }
            if (group < 0 || outcome < 0 || columns[group * 5 + outcome] >= 0) return null;
            columns[group * 5 + outcome] = c;
        }
        return columns.All(c => c >= 0) ? columns : null;
    }

    /// <summary>Whether a header label is a group's, as printed or mistyped (its LABEL.TYPO is given with the header).</summary>
    private static bool Names(string label, string group) =>
        label.Contains(group, StringComparison.Ordinal) || LabelMatching.MistypedLabel(label, [group]) is not null;

    /// <summary>The normalized labels of a header row, each empty slot given the label on its left.</summary>
    private static string[] FilledRight(HtmlTableGrid grid, int row)
    {
        var labels = new string[grid.Width];
        var last = "";
        for (var c = 0; c < grid.Width; c++)
        {
            var text = LabelMatching.Normalize(grid[row, c]?.Text ?? "");
            if (text.Length > 0) last = text;
            labels[c] = last;
        }
        return labels;
    }
}
