using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

/// <summary>
/// CELL.BLANK and CELL.INVALID: the format requires a figure in every cell (0 when there is nothing).
/// Counts are whole non-negative numbers; the 行政事业性收费 amount is a non-negative number of 万元 and may have decimals.
/// Both are errors: a blank or unreadable cell makes every sum it takes part in meaningless, so the sum rules skip
/// such sums instead of piling more findings onto the same cause.
/// </summary>
public static class CellRules
{
    /// <summary>Marks people put in a cell instead of a figure; they mean "left blank".</summary>
    private static readonly HashSet<string> BlankMarks = ["/", "／", "\\", "-", "－", "—", "——", "–", "无"];

    public static void Check(AnnualReport report, List<Finding> findings)
    {
        if (report.ProactiveDisclosure is { } proactive)
        {
            foreach (var cell in ReportCells.ProactiveCells)
            {
                if (cell.Header == ReportCells.FeesHeader) CheckAmount(cell.Where, cell.Get(proactive), findings);
                else CheckCount(cell.Where, cell.Get(proactive), findings);
            }
        }

        if (report.Applications is { } table)
        {
            foreach (var (row, counts) in ApplicationRows.Present(table))
            {
                foreach (var column in ApplicantCounts.Columns)
                {
                    // The place is named only for a cell that has something to report: thousands of reports, 200 cells each.
                    if (counts[column] is { IsCount: false } cell) CheckCount(ReportCells.ApplicationWhere(row, column), cell, findings);
                }
            }
        }

        if (report.ReviewAndLitigation is { } section4)
        {
            foreach (var group in ReportCells.ReviewGroups)
            {
                foreach (var outcome in ReportCells.Outcomes)
                {
                    if (outcome.Get(group.Get(section4)) is { IsCount: false } cell) CheckCount(ReportCells.ReviewWhere(group, outcome), cell, findings);
                }
            }
        }
    }

    /// <summary>Blank, or a mark that stands for blank ("/", "—", "无").</summary>
    public static bool IsBlankOrMark(Cell cell) => cell.IsBlank || (cell.Text is { } text && BlankMarks.Contains(text.Trim()));

    private static void CheckCount(string where, Cell cell, List<Finding> findings)
    {
        if (cell.IsCount) return;
        if (BlankFinding(where, cell) is { } blank)
        {
            findings.Add(blank);
            return;
        }
        var message = cell.Value switch
        {
            < 0 => $"件数为负数{cell}",
            { } => $"件数{cell}不是整数",
            null => $"“{cell.Text}”不是件数（应填整数）",
        };
        findings.Add(new Finding(Rules.CellInvalid, Severity.Error, where, message));
    }

    private static void CheckAmount(string where, Cell cell, List<Finding> findings)
    {
        if (cell.Value is >= 0) return;
        if (BlankFinding(where, cell) is { } blank)
        {
            findings.Add(blank);
            return;
        }
        var message = cell.Value is { } value
            ? $"收费金额为负数{Cell.Format(value)}"
            : $"“{cell.Text}”不是金额（应填以万元为单位的数字，可带小数）";
        findings.Add(new Finding(Rules.CellInvalid, Severity.Error, where, message));
    }

    private static Finding? BlankFinding(string where, Cell cell)
    {
        if (cell.IsBlank) return new Finding(Rules.CellBlank, Severity.Error, where, "未填写（格式要求每格填写数字，没有的填0）");
        if (IsBlankOrMark(cell)) return new Finding(Rules.CellBlank, Severity.Error, where, $"填写了“{cell.Text}”而不是数字（没有的应填0）");
        return null;
    }
}
