using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>One headless Chromium (/usr/bin/chromium, installed by .ci/run) for the whole test run, driven by Playwright.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Pages printed to PDF in this browser, each once per run and several at a time.</summary>
    public PdfPrints Pdfs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install it with `apt-get install -y chromium` (.ci/run does).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Pdfs = new PdfPrints(Browser);
    }

    /// <summary>
    /// Waits until a console message logged after the load event arrives: messages reach the test in the order the page
    /// produced them, so every message of the load itself (e.g. a policy violation) has arrived by then.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MessagesOfTheLoadAsync(IPage page, List<string> messages)
    {
        var marker = "loaded-" + Guid.NewGuid().ToString("N");
        await page.EvaluateAsync($"console.log('{marker}')");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            lock (messages)
            {
                if (messages.Contains(marker)) return messages.Where(m => m != marker).ToList();
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The page's console message {marker} did not arrive within 30 s.");
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// Prints pages to A4 PDF, each page once per run under its key. <see cref="Prefetch"/> starts a whole set at once, so
/// Chromium prints the next pages while the tests read the first ones: the tests of a collection run one at a time, and
/// printing one page after another kept a core idle.
/// </summary>
public sealed class PdfPrints(IBrowser browser)
{
    /// <summary>Pages printing at once: Chromium prints each in its own renderer, so one per core keeps them all busy.</summary>
    private readonly SemaphoreSlim _printing = new(Math.Max(2, Environment.ProcessorCount));

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _printed = new();

    /// <summary>
    /// The PDF of the page <paramref name="html"/> makes, served at http://portal.test/report.html with
    /// <paramref name="contentType"/> (text/html alone: the bytes are decoded by their own charset, as a portal serves them).
    /// </summary>
    public Task<byte[]> PrintAsync(string key, Func<byte[]> html, string contentType = "text/html") =>
        _printed.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => PrintNowAsync(html, contentType))).Value;

    /// <summary>Starts printing every page not printed yet; the tests then wait for theirs with <see cref="PrintAsync"/>.</summary>
    public void Prefetch(IEnumerable<(string Key, Func<byte[]> Html, string ContentType)> pages)
    {
        // A failed print is reported by the test that awaits it.
        foreach (var (key, html, contentType) in pages) _ = PrintAsync(key, html, contentType);
    }

    private async Task<byte[]> PrintNowAsync(Func<byte[]> html, string contentType)
    {
        await _printing.WaitAsync();
        try
        {
            var bytes = await Task.Run(html);
            var page = await browser.NewPageAsync();
            try
            {
                await page.RouteAsync("http://portal.test/report.html", route => route.FulfillAsync(new() { BodyBytes = bytes, ContentType = contentType }));
                await page.GotoAsync("http://portal.test/report.html");
                return await page.PdfAsync(new() { Format = "A4" });
            }
            finally
            {
                await page.CloseAsync();
            }
        }
        finally
        {
            _printing.Release();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Headless Chromium";
}
