using BenchmarkDotNet.Attributes;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Benchmarks;

/// <summary>Importing a published report (text as copied from a portal, and the HTML page we render).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string _text = "";
    private string _html = "";
    private string _json = "";

    [ParamsSource(nameof(Names))]
    public string Fixture { get; set; } = "";

    public static IEnumerable<string> Names => Fixtures.Names2021;

    [GlobalSetup]
    public void Setup()
    {
        _text = Fixtures.Text(Fixture);
        var report = Fixtures.Report(Fixture);
        _html = HtmlRenderer.RenderPage(report);
        _json = ReportJson.Serialize(report);
    }

    [Benchmark(Baseline = true)]
    public AnnualReport Text() => ReportImporter.ImportText(_text).Report;

    [Benchmark]
    public AnnualReport Html() => ReportImporter.ImportHtml(_html).Report;

    [Benchmark]
    public AnnualReport Json() => ReportJson.Deserialize(_json);
}

/// <summary>The 勾稽 checks of one imported report, alone and against last year's.</summary>
[MemoryDiagnoser]
public class ValidateBenchmarks
{
    private AnnualReport _report = new();
    private AnnualReport _previous = new();

    [ParamsSource(nameof(Names))]
    public string Fixture { get; set; } = "";

    public static IEnumerable<string> Names => Fixtures.Names;

    [GlobalSetup]
    public void Setup()
    {
        _report = Fixtures.Report(Fixture);
        _previous = Fixtures.Report("hongze2023");
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<Finding> Validate() => ReportValidator.Validate(_report);

    [Benchmark]
    public IReadOnlyList<Finding> ValidateWithPrevious() => ReportValidator.Validate(_report, _previous);
}

/// <summary>Rendering a report as plain text, as a printable HTML page and as DOCX.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private AnnualReport _report = new();

    [ParamsSource(nameof(Names))]
    public string Fixture { get; set; } = "";

    public static IEnumerable<string> Names => Fixtures.Names2021;

    [GlobalSetup]
    public void Setup() => _report = Fixtures.Report(Fixture);

    [Benchmark(Baseline = true)]
    public string Text() => TextRenderer.Render(_report);

    [Benchmark]
    public string Html() => HtmlRenderer.RenderPage(_report);

    [Benchmark]
    public byte[] Docx() => DocxRenderer.Render(_report);
}
