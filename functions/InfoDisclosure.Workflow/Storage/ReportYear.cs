namespace InfoDisclosure.Workflow.Storage;

/// <summary>The years a report can be for: from 2008, when the 条例 took effect.</summary>
public static class ReportYear
{
    public const string Rule = "A year from 2008 to 2100 is required.";

    public static bool IsValid(int year) => year is >= 2008 and <= 2100;
}
