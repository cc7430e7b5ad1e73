using Microsoft.Playwright;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>One headless Chromium (/usr/bin/chromium, installed by .ci/run) for the whole test run, driven by Playwright.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

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

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Headless Chromium";
}
