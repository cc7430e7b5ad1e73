using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Import;

/// <summary>The tables of sections 二, 三 and 四 in the text layout.</summary>
internal sealed partial class TextReportReader
{
    /// <summary>The cells of a table line: tab-separated, or separated by runs of two or more spaces (single spaces stay inside a label).</summary>
    internal static List<string> SplitCells(string line)
    {
        var parts = line.Contains('\t') ? line.Split('\t') : LabelMatching.CellSeparator().Split(line.Trim());
        var cells = new List<string>(parts.Length);
        foreach (var part in parts) cells.Add(part.Trim());
        return cells;
    }

    /// <summary>A label rather than a figure: numbered ("1.", "（一）") or worded (two or more Chinese characters), and not a number.</summary>
    internal static bool IsLabel(string cell)
    {
        if (cell.Length == 0) return false;
        var ideographs = 0;
        foreach (var c in cell)
        {
            // A number has no Chinese characters, so two of them make a label.
            if (c is >= '\u4E00' and <= '\u9FFF' && ++ideographs >= 2) return true;
        }
        var first = cell[0];
        var mayBeNumbered = first is '（' or '(' or '*' || char.IsDigit(first) || "一二三四五六七八九十".Contains(first);
        return mayBeNumbered && LabelMatching.ParseMarker(cell).Kind != MarkerKind.None && !LabelMatching.IsNumber(cell);
    }

    /// <summary>
    /// The figure cells after a row's label at <paramref name="labelIndex"/>. Up to <paramref name="leading"/> empty
    /// cells the label spans are dropped, then empty padding at the end, then any further empty cells before the
    /// figures. Null when the row does not have exactly <paramref name="count"/> figure cells, or when one of them is
    /// a label (a header or prose line taken for a row).
    /// </summary>
    private static List<string>? FigureCells(List<string> cells, int labelIndex, int count, int leading)
    {
        var figures = cells.GetRange(labelIndex + 1, cells.Count - labelIndex - 1);
        for (var i = 0; i < leading && figures.Count > count && figures[0].Length == 0; i++) figures.RemoveAt(0);
        while (figures.Count > count && figures[^1].Length == 0) figures.RemoveAt(figures.Count - 1);
        while (figures.Count > count && figures[0].Length == 0) figures.RemoveAt(0);
        return figures.Count == count && !figures.Exists(IsLabel) ? figures : null;
    }

    private static string Describe(List<string> cells, int count) =>
        $"应为{count}个数字单元格，读到{cells.Count}个单元格：{string.Join(" | ", cells)}";

    // ───────────── Section 二 ─────────────

    private sealed record ProactiveRow(string Label, int Count, Action<ProactiveDisclosure, List<Cell>> Set);

    private static readonly ProactiveRow[] ProactiveRows =
    [
        new("规章", 3, (p, c) => p.Rules = new DocumentCounts { Issued = c[0], Repealed = c[1], InForce = c[2] }),
        new("行政规范性文件", 3, (p, c) => p.NormativeDocuments = new DocumentCounts { Issued = c[0], Repealed = c[1], InForce = c[2] }),
        new("行政许可", 1, (p, c) => p.AdministrativeLicensing = c[0]),
        new("行政处罚", 1, (p, c) => p.AdministrativePunishment = c[0]),
        new("行政强制", 1, (p, c) => p.AdministrativeCoercion = c[0]),
        new("行政事业性收费", 1, (p, c) => p.AdministrativeFees = c[0]),
    ];

    /// <summary>Columns and provisions only the 2019 trial format has.</summary>
    private static readonly string[] TrialFormatMarks = ["第二十条第(九)项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量"];

    private void ReadProactiveDisclosure(TextSection section)
    {
        var tableLines = section.Lines.Where(l => !l.IsBlank).ToList();
        if (tableLines.Any(l => TrialFormatMarks.Any(m => LabelMatching.Normalize(l.Text).Contains(m, StringComparison.Ordinal))))
        {
            report.FormatVersion = ReportFormats.Format2019;
            ReadLegacyTables(section, tableLines);
            return;
        }

        var proactive = new ProactiveDisclosure();
        var read = new HashSet<ProactiveRow>();
        foreach (var line in tableLines)
        {
            var cells = SplitCells(line.Text);
            var label = cells[0];
            var normalized = LabelMatching.Normalize(label);
            if (IsCaption(normalized))
            {
                if (cells.Skip(1).Any(c => c.Length > 0)) Unreadable(line, $"标题行有多余的单元格：{line.Text.Trim()}");
                continue;
            }
            if (normalized.StartsWith("信息内容", StringComparison.Ordinal)) continue;

            var row = ProactiveRows.FirstOrDefault(r => LabelMatching.Normalize(r.Label) == normalized)
                ?? ProactiveRows.Select(r => (Row: r, Score: LabelMatching.Similarity(r.Label, label)))
                    .Where(x => x.Score >= 0.6).OrderByDescending(x => x.Score).Select(x => x.Row).FirstOrDefault();
            if (row is null || !IsLabel(label))
            {
                Unreadable(line, $"第二部分无法识别的表格行：{line.Text.Trim()}");
                continue;
            }
            if (!read.Add(row))
            {
                Unreadable(line, $"第二部分“{row.Label}”行重复出现，此行未读入。");
                continue;
            }
            if (normalized != LabelMatching.Normalize(row.Label)) findings.Add(LabelMatching.ProactiveLabelTypo(line.Where, label, row.Label));
            var figures = FigureCells(cells, 0, row.Count, 0);
            if (figures is null)
            {
                Unreadable(line, $"第二部分“{row.Label}”行{Describe(cells.Skip(1).ToList(), row.Count)}。");
                continue;
            }
            row.Set(proactive, figures.Select(LabelMatching.ParseCell).ToList());
        }
        foreach (var missing in ProactiveRows.Where(r => !read.Contains(r)))
        {
            Unreadable(section.HeadingLine, $"第二部分缺少“{missing.Label}”行。");
        }
        report.ProactiveDisclosure = proactive;
    }

    private static bool IsCaption(string normalized) =>
        normalized.StartsWith("第二十条", StringComparison.Ordinal) || (normalized.StartsWith('第') && normalized.EndsWith('项') && normalized.Length <= 12);

    /// <summary>Section 二 of the 2019 trial format, kept as printed: caption, header and rows of each table.</summary>
    private void ReadLegacyTables(TextSection section, List<SourceLine> tableLines)
    {
        var tables = new List<SimpleTable>();
        SimpleTable? table = null;
        foreach (var line in tableLines)
        {
            var cells = SplitCells(line.Text);
            var normalized = LabelMatching.Normalize(cells[0]);
            if (IsCaption(normalized) && cells.Skip(1).All(c => c.Length == 0))
            {
                table = new SimpleTable { Caption = cells[0] };
                tables.Add(table);
                continue;
            }
            if (table is null)
            {
                Unreadable(line, $"第二部分表格标题（第二十条第（×）项）之前的行：{line.Text.Trim()}");
                continue;
            }
            if (normalized.StartsWith("信息内容", StringComparison.Ordinal) && table.Header.Count == 0)
            {
                table.Header = TrimEnd(cells);
                continue;
            }
            if (!IsLabel(cells[0]) || table.Header.Count == 0)
            {
                Unreadable(line, $"第二部分无法识别的表格行：{line.Text.Trim()}");
                continue;
            }
            var count = table.Header.Count - 1;
            var figures = FigureCells(cells, 0, count, 0);
            if (figures is null)
            {
                Unreadable(line, $"第二部分“{cells[0]}”行{Describe(cells.Skip(1).ToList(), count)}。");
                continue;
            }
            table.Rows.Add(new SimpleRow { Label = cells[0], Cells = figures.Select(LabelMatching.ParseCell).ToList() });
        }
        if (tables.Count == 0) Unreadable(section.HeadingLine, "第二部分没有表格。");
        report.LegacyProactiveTables = tables;
    }

    private static List<string> TrimEnd(List<string> cells)
    {
        var n = cells.Count;
        while (n > 0 && cells[n - 1].Length == 0) n--;
        return cells.Take(n).ToList();
    }

    // ───────────── Section 三 ─────────────

    private static readonly string[] ApplicationHeaderWords = ["勾稽", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构"];

    /// <summary>A header row of section 三: no figure, and a header word in some cell.</summary>
    private static bool IsHeaderRow(List<string> cells) =>
        !cells.Exists(LabelMatching.IsNumber) && cells.Exists(c => Array.Exists(ApplicationHeaderWords, w => c.Contains(w, StringComparison.Ordinal)));

    private void ReadApplications(TextSection section)
    {
        var matcher = new ApplicationRowMatcher();
        // The rows are the template's own instances: compared by reference, without hashing their fields.
        var read = new Dictionary<ApplicationRow, ApplicantCounts>(ReferenceEqualityComparer.Instance);
        foreach (var line in section.Lines)
        {
            if (line.IsBlank) continue;
            var cells = SplitCells(line.Text);
            if (IsHeaderRow(cells)) continue;

            var labelIndex = -1;
            for (var i = 0; i < Math.Min(3, cells.Count); i++)
            {
                if (IsLabel(cells[i])) labelIndex = i;
            }
            if (labelIndex < 0)
            {
                Unreadable(line, $"第三部分无法识别的表格行（没有行名）：{line.Text.Trim()}");
                continue;
            }

            var labels = cells.Take(labelIndex + 1).Where(c => c.Length > 0).ToList();
            var (outcome, row) = matcher.Match(labels);
            if (outcome == ApplicationRowMatcher.Outcome.GroupHeading && cells.Skip(labelIndex + 1).All(c => c.Length == 0)) continue;
            if (row is null)
            {
                Unreadable(line, $"第三部分无法识别的表格行：{line.Text.Trim()}");
                continue;
            }
            if (read.ContainsKey(row))
            {
                Unreadable(line, $"第三部分“{row.Where}”行重复出现，此行未读入。");
                continue;
            }
            if (matcher.TypoFinding(line.Where, row) is { } typo) findings.Add(typo);

            // The template's label columns are three; values start in the fourth.
            var figures = FigureCells(cells, labelIndex, 7, 2 - labelIndex);
            if (figures is null)
            {
                Unreadable(line, $"第三部分“{row.Where}”行{Describe(cells.Skip(labelIndex + 1).ToList(), 7)}，此行未读入。");
                read[row] = new ApplicantCounts();
                continue;
            }
            var counts = new ApplicantCounts();
            for (var c = 0; c < 7; c++) counts[ApplicantCounts.Columns[c]] = LabelMatching.ParseCell(figures[c]);
            read[row] = counts;
        }

        var table = new ApplicationTable();
        var subItems = ApplicationRows.OtherProcessing.Where(read.ContainsKey).ToList();
        if (read.TryGetValue(ApplicationRows.OtherProcessingSingleRow, out var single))
        {
            if (subItems.Count == 0) table.OtherProcessing = OtherProcessingCounts.AsSingleRow(single);
            else Unreadable(section.HeadingLine, "第三部分（六）其他处理既有一行合计又有分项，只读入分项。");
        }
        foreach (var row in ApplicationRows.All)
        {
            if (row == ApplicationRows.OtherProcessingSingleRow || row.Get(table) is null) continue;
            if (read.TryGetValue(row, out var counts)) row.Set(table, counts);
            else Unreadable(section.HeadingLine, $"第三部分缺少“{row.Where}”行。");
        }
        report.Applications = table;
    }

    // ───────────── Section 四 ─────────────

    private static readonly Func<ReviewAndLitigation, OutcomeGroup>[] ReviewGroups =
    [
        r => r.AdministrativeReconsideration,
        r => r.LitigationWithoutReconsideration,
        r => r.LitigationAfterReconsideration,
    ];

    private void ReadReviewAndLitigation(TextSection section)
    {
        ReviewAndLitigation? result = null;
        foreach (var line in section.Lines)
        {
            var cells = SplitCells(line.Text);
            // A row of fifteen blank cells is all tabs: a figure line, not a blank line.
            var allBlankRow = line.IsBlank && line.Text.Count(c => c == '\t') >= 14;
            if (line.IsBlank && !allBlankRow) continue;
            if (cells.Any(IsLabel))
            {
                if (result is not null)
                {
                    Unreadable(line, $"第四部分数字行之后无法识别的行：{line.Text.Trim()}");
                    continue;
                }
                foreach (var cell in cells)
                {
                    if (LabelMatching.MistypedLabel(cell, LabelMatching.ReviewHeaderWordings) is { } template) findings.Add(LabelMatching.ReviewLabelTypo(line.Where, cell, template));
                }
                continue;
            }
            if (result is not null)
            {
                Unreadable(line, $"第四部分有多于一行数字，此行未读入：{line.Text.Trim()}");
                continue;
            }
            result = new ReviewAndLitigation();
            var figures = FigureCells(cells, -1, 15, 0);
            if (figures is null)
            {
                Unreadable(line, $"第四部分{Describe(cells, 15)}，此行未读入。");
                continue;
            }
            for (var g = 0; g < 3; g++)
            {
                var group = ReviewGroups[g](result);
                group.Upheld = LabelMatching.ParseCell(figures[g * 5]);
                group.Corrected = LabelMatching.ParseCell(figures[g * 5 + 1]);
                group.OtherResult = LabelMatching.ParseCell(figures[g * 5 + 2]);
                group.Pending = LabelMatching.ParseCell(figures[g * 5 + 3]);
                group.Total = LabelMatching.ParseCell(figures[g * 5 + 4]);
            }
        }
        if (result is null) Unreadable(section.HeadingLine, "第四部分没有数字行（15个单元格）。");
        report.ReviewAndLitigation = result ?? new ReviewAndLitigation();
    }
}
