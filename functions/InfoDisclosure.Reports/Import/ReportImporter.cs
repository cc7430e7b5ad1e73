using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Import;

/// <summary>What an import read, and what it could not read (findings naming the line).</summary>
public sealed record ImportResult(AnnualReport Report, IReadOnlyList<Finding> Findings);

public static class ReportImporter
{
    /// <summary>Imports JSON, HTML or plain text, recognised by content.</summary>
    public static ImportResult Import(string content) => throw new NotImplementedException();

    public static ImportResult ImportText(string text) => throw new NotImplementedException();

    public static ImportResult ImportHtml(string html) => throw new NotImplementedException();
}
