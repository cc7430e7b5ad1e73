using System.Diagnostics;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Every Word-style page of the corpus converted by LibreOffice (/usr/bin/soffice, installed by .ci/run), once per
/// test run: the page to a Word document, as an agency saves a page it copied, and that document to a PDF. The pages
/// are converted in two batches at once, each soffice with its own profile (two cannot share one).
/// </summary>
public sealed class LibreOfficeFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/soffice";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "infodisclosure-libreoffice-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<(string Fixture, string Variant), string> _names = [];

    public byte[] Docx(string fixture, string variant) => File.ReadAllBytes(Path.Combine(_directory, _names[(fixture, variant)] + ".docx"));

    public byte[] Pdf(string fixture, string variant) => File.ReadAllBytes(Path.Combine(_directory, _names[(fixture, variant)] + ".pdf"));

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with `apt-get install -y --no-install-recommends libreoffice-writer-nogui` (.ci/run does).");
        }
        Directory.CreateDirectory(_directory);
        var batches = new List<string>[] { [], [] };
        foreach (var row in WordStylePageCorpusTests.Cases())
        {
            var (fixture, variant) = ((string)row[0], (string)row[1]);
            var name = $"page{_names.Count:D2}";
            _names[(fixture, variant)] = name;
            await File.WriteAllBytesAsync(Path.Combine(_directory, name + ".html"), WordStylePageCorpusTests.Page(fixture, variant));
            batches[_names.Count % 2].Add(name);
        }
        await Task.WhenAll(batches.Select((names, i) => ConvertAsync(names, Path.Combine(_directory, $"profile{i}"))));
    }

    private async Task ConvertAsync(List<string> names, string profile)
    {
        // As Writer reads a page (not Writer/Web), saved as Word 2007+; then that document printed to PDF.
        await SofficeAsync(profile, ["--infilter=HTML (StarWriter)"], "docx:MS Word 2007 XML", names.Select(n => n + ".html"));
        await SofficeAsync(profile, [], "pdf", names.Select(n => n + ".docx"));
        var missing = names.SelectMany(n => new[] { n + ".docx", n + ".pdf" }).Where(f => !File.Exists(Path.Combine(_directory, f))).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"LibreOffice did not write {string.Join(", ", missing)} in {_directory}.");
    }

    private async Task SofficeAsync(string profile, string[] options, string convertTo, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // --outdir must follow --convert-to and its filter.
        foreach (var argument in (string[])[$"-env:UserInstallation=file://{profile}", "--headless", "--norestore", .. options, "--convert-to", convertTo, "--outdir", _directory, .. files])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soffice did not finish within {Timeout}: {await error}");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"soffice exited with {process.ExitCode}: {await output}{await error}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class LibreOfficeCollection : ICollectionFixture<LibreOfficeFixture>
{
    public const string Name = "LibreOffice";
}
