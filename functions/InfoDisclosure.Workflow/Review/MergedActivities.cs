using System.Text.Json.Serialization;
using InfoDisclosure.Workflow.Deadlines;
using InfoDisclosure.Workflow.Notifications;
using Microsoft.DurableTask;

namespace InfoDisclosure.Workflow.Review;

/// <summary>
/// The first attempt of a send made inside a merged activity of ReportWorkflow_v3: null <paramref name="Error"/> when
/// it went through; <paramref name="Permanent"/> when it threw a <see cref="PermanentSendFailure"/>. Returned rather
/// than thrown, so the stage recorded before it stands and <see cref="DurableSender.RetryAsync{T}"/> takes it from there.
/// </summary>
public sealed record SendAttempt(string? Error = null, bool Permanent = false)
{
    [JsonIgnore]
    public bool Sent => Error is null;

    public static async Task<SendAttempt> OfAsync(Func<Task> send)
    {
        try
        {
            await send();
            return new SendAttempt();
        }
        catch (PermanentSendFailure e)
        {
            return new SendAttempt(e.Message, Permanent: true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SendAttempt(e.Message);
        }
    }
}

/// <summary>A stage change and the notice that follows it (a level's review request, or a notice to the drafter).</summary>
public sealed record StageStep(StageChange Change, ReviewRequest? Review = null, DrafterNotice? Notice = null);

/// <summary>
/// ReportWorkflow_v3: records a stage (index and audit, as <see cref="RecordStage"/>), then makes the first attempt of
/// its notice. A storage failure throws (the orchestrator's short activity retry); a failed send is returned.
/// </summary>
public sealed class EnterStage(IStageRecorder stages, IWorkflowNotifier notifier, HolidayDataWarnings holidayData) : TaskActivity<StageStep, SendAttempt>
{
    public const string Name = nameof(EnterStage);

    public override async Task<SendAttempt> RunAsync(TaskActivityContext context, StageStep step)
    {
        await stages.RecordAsync(step.Change, CancellationToken.None);
        if (step.Review is { } review) return await SendAttempt.OfAsync(() => RequestReview.SendAsync(notifier, holidayData, review));
        if (step.Notice is { } notice) return await SendAttempt.OfAsync(() => notifier.DrafterNoticeAsync(notice, CancellationToken.None));
        return new SendAttempt();
    }
}

public sealed record DeliveryStep(DeliveryRequest Delivery, StageChange Submitted, DrafterNotice Notice);

public sealed record DeliveryDone(DeliveryReceipt Receipt, SendAttempt Notice);

/// <summary>
/// ReportWorkflow_v3: 报送, then, with the receipt in hand, the Submitted stage and the first attempt of the 【已报送】
/// notice. The stage keeps the orchestration's time, as every workflow entry of the audit log does (the host's clock
/// may differ from it in testing mode). A failed 报送 throws, as <see cref="DeliverReport"/> does: nothing is recorded and the
/// orchestrator retries the whole step durably (the delivery itself happens once per id).
/// </summary>
public sealed class DeliverAndRecord(IReportDelivery delivery, IStageRecorder stages, IWorkflowNotifier notifier) : TaskActivity<DeliveryStep, DeliveryDone>
{
    public const string Name = nameof(DeliverAndRecord);

    public override async Task<DeliveryDone> RunAsync(TaskActivityContext context, DeliveryStep step)
    {
        var receipt = await delivery.DeliverAsync(step.Delivery, CancellationToken.None);
        await stages.RecordAsync(step.Submitted, CancellationToken.None);
        return new DeliveryDone(receipt, await SendAttempt.OfAsync(() => notifier.DrafterNoticeAsync(step.Notice, CancellationToken.None)));
    }
}

public sealed record PublishStep(StageChange Publishing, PublicationRequest Push);

/// <summary>The publication, or the failed first attempt of the push.</summary>
public sealed record PublishAttempt(Publication? Publication, SendAttempt Push);

/// <summary>ReportWorkflow_v3: records the Publishing stage of a cycle, then makes the first attempt of the push.</summary>
public sealed class RecordAndPublish(IStageRecorder stages, IReportPublisher publisher) : TaskActivity<PublishStep, PublishAttempt>
{
    public const string Name = nameof(RecordAndPublish);

    public override async Task<PublishAttempt> RunAsync(TaskActivityContext context, PublishStep step)
    {
        await stages.RecordAsync(step.Publishing, CancellationToken.None);
        Publication? publication = null;
        var push = await SendAttempt.OfAsync(async () => publication = await publisher.PublishAsync(step.Push, CancellationToken.None));
        return new PublishAttempt(publication, push);
    }
}
