using InfoDisclosure.Reports.Model;

namespace InfoDisclosure.Reports.Validation;

public static class ReportValidator
{
    public static IReadOnlyList<Finding> Validate(AnnualReport report, AnnualReport? previous = null) => throw new NotImplementedException();
}
