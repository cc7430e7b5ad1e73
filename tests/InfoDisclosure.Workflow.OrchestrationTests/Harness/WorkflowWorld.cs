using System.Threading.Channels;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.Publishing;
using InfoDisclosure.Workflow.Review;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.OrchestrationTests.Harness;

/// <summary>
/// The report orchestrators (v1, v2, v3) on the in-process test host. The notification activities are the real classes
/// over a notifier that records what it is asked to send; 报送 and publication are the real activities over an in-test
/// delivery and portal; RecordStage and v3's merged activities are the real classes over an in-test
/// <see cref="IStageRecorder"/>; the other activities that write to Table/Blob storage are small in-test activities under
/// the same names. Each records what the orchestrator asked of it (the full-host tests cover the stores).
/// </summary>
public sealed class WorkflowWorld : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Channel<object> _happened = Channel.CreateUnbounded<object>();
    private readonly List<object> _seen = [];

    private WorkflowWorld(RecordingOrchestrationHost host) => Host = host;

    public RecordingOrchestrationHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    /// <summary>Everything the activities were asked to do, in the order they ran (notices, stage changes, deliveries, publications).</summary>
    public IReadOnlyList<object> Seen => _seen;

    /// <summary>The in-test notifier, 报送 and portal: tests switch them off and on.</summary>
    public Recorder Outside { get; private set; } = null!;

    /// <param name="sendingFirstDelay">The first wait of ReportWorkflow_v2 after a failed send (1 s unless a test needs a resend to be the only way on).</param>
    public static async Task<WorkflowWorld> StartAsync(TimeSpan? sendingFirstDelay = null)
    {
        WorkflowWorld? world = null;
        var recorder = new Recorder(e => world!._happened.Writer.TryWrite(e));
        var host = await RecordingOrchestrationHost.StartAsync(
            tasks =>
            {
                tasks.AddOrchestrator(ReportWorkflowV1.Name, typeof(ReportWorkflowV1));
                tasks.AddOrchestrator(ReportWorkflowV2.Name, typeof(ReportWorkflowV2));
                tasks.AddOrchestrator(ReportWorkflowV3.Name, typeof(ReportWorkflowV3));
                tasks.AddActivity(EnterStage.Name, typeof(EnterStage));
                tasks.AddActivity(DeliverAndRecord.Name, typeof(DeliverAndRecord));
                tasks.AddActivity(RecordAndPublish.Name, typeof(RecordAndPublish));
                tasks.AddActivity(ReadSendingPolicy.Name, typeof(ReadSendingPolicy));
                tasks.AddActivityFunc<SendingState, bool>(RecordSendingState.Name, (_, state) => recorder.Record(state, state.Failing));
                tasks.AddActivity(RequestReview.Name, typeof(RequestReview));
                tasks.AddActivity(SendStageReminder.Name, typeof(SendStageReminder));
                tasks.AddActivity(NotifyDrafter.Name, typeof(NotifyDrafter));
                tasks.AddActivity(DeliverReport.Name, typeof(DeliverReport));
                tasks.AddActivity(PublishReport.Name, typeof(PublishReport));
                tasks.AddActivity(ReadPublishingPolicy.Name, typeof(ReadPublishingPolicy));
                tasks.AddActivity(RecordStage.Name, typeof(RecordStage));
                tasks.AddActivityFunc<FinalArtifactsRequest, FinalArtifacts>(StoreFinalArtifacts.Name, (_, r) => recorder.Record(r, ArtifactsOf(r)));
                tasks.AddActivityFunc<PublishFailure, string>(NotifyPublishFailed.Name, (_, f) => recorder.Record(f, f.NotificationId));
            },
            services =>
            {
                services.AddSingleton(recorder);
                services.AddSingleton<IWorkflowNotifier>(recorder);
                services.AddSingleton<IReportDelivery>(recorder);
                services.AddSingleton<IReportPublisher>(recorder);
                services.AddSingleton<IStageRecorder>(recorder);
                services.AddSingleton<InfoDisclosure.Workflow.Deadlines.HolidayDataWarnings>();
                services.AddSingleton(Options.Create(new PublishingOptions
                {
                    RetryAttempts = 3, RetryFirstInterval = TimeSpan.FromSeconds(1), RetryMaxInterval = TimeSpan.FromSeconds(1),
                }));
                services.AddSingleton(Options.Create(new SendingOptions
                {
                    RetryFirstDelay = sendingFirstDelay ?? TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(2), GiveUpAfter = TimeSpan.FromHours(1),
                }));
            });
        world = new WorkflowWorld(host) { Outside = recorder };
        return world;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>Waits for the next recorded thing of type T that matches (earlier ones of other kinds are kept in <see cref="Seen"/>).</summary>
    public async Task<T> Next<T>(Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        foreach (var earlier in _seen.OfType<T>().Where(e => match?.Invoke(e) ?? true).Where(e => !_taken.Contains(e!)))
        {
            _taken.Add(earlier!);
            return earlier;
        }
        while (true)
        {
            object item;
            try
            {
                item = await _happened.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} within {Patience.TotalSeconds} s; seen: {string.Join(", ", _seen.Select(Describe))}");
            }
            _seen.Add(item);
            if (item is T t && (match?.Invoke(t) ?? true))
            {
                _taken.Add(t);
                return t;
            }
        }
    }

    private readonly HashSet<object> _taken = new(ReferenceEqualityComparer.Instance);

    public Task<ReviewRequest> ReviewRequested(int round, int level) => Next<ReviewRequest>(r => r.Round == round && r.Level == level);

    public Task<DrafterNotice> DrafterTold(string kind, int round) => Next<DrafterNotice>(n => n.Kind == kind && n.Round == round);

    public async Task<ReportOutcome> CompletedAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var state = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        return state.ReadOutputAs<ReportOutcome>()!;
    }

    /// <summary>Drains what has happened up to now into <see cref="Seen"/> (after a completion every activity has run).</summary>
    public IReadOnlyList<object> SeenSoFar()
    {
        while (_happened.Reader.TryRead(out var item)) _seen.Add(item);
        return _seen;
    }

    // ───────────── The report, its chain and the events a client raises ─────────────

    public const string AgencyId = "hongsibu-approval";
    public const int Year = 2025;
    public static string InstanceId(string test) => $"report-{AgencyId}-{test}";

    public static readonly Person Drafter = new("王起草", "drafter@example.gov.cn");

    public static Person Reviewer(string name) => new(name, $"{name}@example.gov.cn");

    public static ReviewLevel Level(string name, string rule, params string[] reviewers) =>
        new() { Name = name, Rule = rule, Reviewers = reviewers.Select(Reviewer).ToList() };

    public static IReadOnlyList<ReviewLevel> ThreeLevels(string firstRule = ReviewRules.Any) =>
    [
        Level("初审·一校", firstRule, "li", "zhao"),
        Level("复审·二校", ReviewRules.Any, "chen"),
        Level("终审·三校", ReviewRules.Any, "zhou"),
    ];

    public static readonly DateTimeOffset Deadline = new(2026, 1, 31, 23, 59, 59, TimeSpan.FromHours(8));

    /// <summary>The report orchestrators the behaviour tests run, each test once per version (the newest first).</summary>
    public static TheoryData<string> Versions => new(ReportWorkflowV3.Name, ReportWorkflowV2.Name, ReportWorkflowV1.Name);

    /// <summary>The versions with durable sends (v2 on).</summary>
    public static TheoryData<string> DurableVersions => new(ReportWorkflowV3.Name, ReportWorkflowV2.Name);

    public async Task<string> StartReportAsync(string instanceId, string orchestrator, ResumePoint? resume = null)
    {
        var input = new ReportWorkflowInput(AgencyId, Year, "吴忠市红寺堡区审批服务管理局", Drafter, Deadline, resume);
        return await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
    }

    /// <summary>The instance's custom status as a client reads it.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode?> StatusAsync(string instanceId)
    {
        var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        return instance?.SerializedCustomStatus is { Length: > 0 } json ? System.Text.Json.Nodes.JsonNode.Parse(json) : null;
    }

    /// <summary>Polls the custom status until <paramref name="condition"/> holds (it changes when an episode completes).</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> StatusWhenAsync(string instanceId, Func<System.Text.Json.Nodes.JsonNode, bool> condition)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = await StatusAsync(instanceId);
            if (status is not null && condition(status)) return status;
            if (DateTime.UtcNow > until) throw new TimeoutException($"The custom status stayed {status?.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Submission of round <paramref name="round"/>; levels fall due after <paramref name="dueAfter"/> (a day unless a test waits for reminders).</summary>
    public static Submission Submission(int round, IReadOnlyList<ReviewLevel> chain, TimeSpan? dueAfter = null) => new(
        round, VersionNumber: round + 1, Sha256: $"sha-{round + 1}", "drafter@example.gov.cn", new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(8)),
        chain, Drafter, "gongkai@example.gov.cn", new StageReminderSettings { DueAfter = dueAfter ?? TimeSpan.FromDays(1) });

    public Task SubmitAsync(string instanceId, Submission submission) =>
        Client.RaiseEventAsync(instanceId, WorkflowEvents.Submit(submission.Round), submission);

    public Task DecideAsync(string instanceId, Submission submission, int level, string reviewer, string decision, string? comment = null) =>
        Client.RaiseEventAsync(instanceId, WorkflowEvents.Decision(level, submission.Round), new ReviewDecision(
            submission.Round, level, submission.Chain[level - 1].Name, Reviewer(reviewer), decision, comment, true, true,
            submission.VersionNumber, submission.Sha256, new DateTimeOffset(2026, 1, 12, 10, 0, 0, TimeSpan.FromHours(8)), null));

    private static FinalArtifacts ArtifactsOf(FinalArtifactsRequest r)
    {
        var folder = $"{r.AgencyId}/{r.Year}/r{r.Round:D3}-v{r.VersionNumber:D4}";
        return new FinalArtifacts(r.VersionNumber, r.VersionSha256, $"{folder}/report.html", "html-sha", $"{folder}/report.docx", "docx-sha", $"{folder}/report.json");
    }

    private static string Describe(object e) => e switch
    {
        ReviewRequest r => $"request R{r.Round}L{r.Level}",
        StageReminder s => $"{s.Kind} R{s.Request.Round}L{s.Request.Level}",
        DrafterNotice n => $"drafter {n.Kind} R{n.Round}",
        StageChange c => $"stage {c.Stage} {c.Action}",
        SendingState s => $"sending {s.What} failing={s.Failing} x{s.Failures}",
        _ => e.GetType().Name,
    };

    /// <summary>The notifier, the supervising office's mailbox and the portal of these tests: each records what it was given.</summary>
    /// <summary>
    /// The notifier, the supervising office's mailbox and the portal of these tests: each records what it was given (only
    /// what went through). <see cref="MailDown"/> makes every e-mail fail; <see cref="PortalAnswers"/> fail the next pushes.
    /// </summary>
    public sealed class Recorder(Action<object> happened) : IWorkflowNotifier, IReportDelivery, IReportPublisher, IStageRecorder
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _portalAnswers = new();
        private int _pushes;

        public volatile bool MailDown;

        /// <summary>Pushes tried so far (failed ones included).</summary>
        public int Pushes => _pushes;

        /// <summary>The next pushes fail with these, in order; then pushes succeed.</summary>
        public void PortalAnswers(params Exception[] failures)
        {
            foreach (var f in failures) _portalAnswers.Enqueue(f);
        }

        public Task<T> Record<T>(object what, T result)
        {
            happened(what);
            return Task.FromResult(result);
        }

        private Task<int> Mail(object what) =>
            MailDown ? throw new InvalidOperationException("Connection refused (the test's SMTP server is down)") : Record(what, 0);

        public Task RecordAsync(StageChange change, CancellationToken ct) => Record(change, 0);

        public Task ReviewRequestedAsync(ReviewRequest request, CancellationToken ct) => Mail(request);

        public Task StageReminderAsync(StageReminder reminder, CancellationToken ct) => Mail(reminder);

        public Task DrafterNoticeAsync(DrafterNotice notice, CancellationToken ct) => Mail(notice);

        public Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken ct) =>
            MailDown ? throw new InvalidOperationException("Connection refused (the supervising office's mail server is down)")
            : Record(request, new DeliveryReceipt(request.DeliveryId, "test", request.SupervisingOfficeEmail, new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero)));

        public Task<Publication> PublishAsync(PublicationRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref _pushes);
            if (_portalAnswers.TryDequeue(out var failure)) throw failure;
            return Record(request, new Publication($"https://portal.example.gov.cn/{request.Report.AgencyId}/{request.Report.Year}", new DateTimeOffset(2026, 1, 21, 9, 0, 0, TimeSpan.Zero), request.Artifacts.HtmlSha256));
        }
    }
}
