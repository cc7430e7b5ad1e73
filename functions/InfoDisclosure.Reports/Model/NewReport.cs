namespace InfoDisclosure.Reports.Model;

public static class NewReport
{
    /// <summary>A blank report for the year, pre-filled from last year's where the format implies it.</summary>
    public static AnnualReport Create(string agencyName, int year, AnnualReport? previous = null) => throw new NotImplementedException();
}
