namespace InfoDisclosure.Reports.Import;

/// <summary>Imports a report published as an HTML page.</summary>
public static class HtmlImporter
{
    public static ImportResult Import(string html) => throw new NotImplementedException();
}
