namespace InfoDisclosure.Reports.Validation;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with a report. <paramref name="Where"/> names the place in the template's own labels,
/// e.g. "四.行政复议.总计" or "三.（七）总计.自然人"; for import problems it may name a line ("第12行").
/// </summary>
public sealed record Finding(string Rule, Severity Severity, string Where, string Message);

/// <summary>Stable rule ids: tools and the API match on these.</summary>
public static class Rules
{
    public const string T3Balance = "T3.BALANCE";
    public const string T3ResultsSum = "T3.RESULTS_SUM";
    public const string T3RowTotal = "T3.ROW_TOTAL";
    public const string T4Total = "T4.TOTAL";
    public const string CellBlank = "CELL.BLANK";
    public const string CellInvalid = "CELL.INVALID";
    public const string SectionMissing = "SECTION.MISSING";
    public const string FormatLegacy = "FORMAT.LEGACY";
    public const string YearCarryover = "YEAR.CARRYOVER";
    public const string T2InForce = "T2.IN_FORCE";
    public const string TextFigureMismatch = "TEXT.FIGURE_MISMATCH";

    /// <summary>Last year's text copied by a new report and still marked for revising (warning).</summary>
    public const string TextUnrevised = "TEXT.UNREVISED";

    /// <summary>A section's narrative (nearly) the same as last year's, or a paragraph repeated unchanged (warning).</summary>
    public const string TextCopied = "TEXT.COPIED";

    /// <summary>A heading or table label read tolerantly that differs from the template's wording (warning).</summary>
    public const string LabelTypo = "LABEL.TYPO";

    /// <summary>A PDF with no text layer (a scan): nothing could be read (error).</summary>
    public const string ImportScanned = "IMPORT.SCANNED";

    /// <summary>Import could not read something; the finding names the line.</summary>
    public const string ImportUnreadable = "IMPORT.UNREADABLE";
}
