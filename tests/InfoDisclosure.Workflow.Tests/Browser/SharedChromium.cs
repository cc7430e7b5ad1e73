using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

/// <summary>
/// One headless Chromium (/usr/bin/chromium, driven by Playwright) for the browser tests of every collection: each
/// fixture or test leases it and gets its own contexts; the browser starts with the first lease and closes with the
/// last, so collections running side by side share one browser instead of starting one each.
/// </summary>
public static class SharedChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static int _leases;

    /// <summary>The shared browser until the lease is disposed. Open pages in a context of your own (<c>Browser.NewContextAsync</c>).</summary>
    public static async Task<Lease> LeaseAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install the Debian package 'chromium' (.ci/run does).");
        await Gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync"],
                });
            }
            _leases++;
            return new Lease(_browser);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--_leases > 0) return;
            if (_browser is not null) await _browser.DisposeAsync();
            _playwright?.Dispose();
            (_browser, _playwright) = (null, null);
        }
        finally
        {
            Gate.Release();
        }
    }

    public sealed class Lease(IBrowser browser) : IAsyncDisposable
    {
        private int _released;

        public IBrowser Browser { get; } = browser;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) await ReleaseAsync();
        }
    }
}
