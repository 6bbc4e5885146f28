namespace GenreBlazor.Lifecycle.Retraining;

/// <summary>Section <c>Retraining</c>: what a retraining job trains on, how it judges the result, and when it runs by itself.</summary>
public sealed class RetrainingOptions
{
    public const string SectionName = "Retraining";

    /// <summary>A cron expression (five fields, UTC) for scheduled runs, e.g. <c>0 3 * * *</c>; empty: no schedule.</summary>
    public string Schedule { get; set; } = "";

    /// <summary>Whether a prediction-drift alert on the serving model starts a retraining job (at most once per <see cref="DriftCooldown"/>).</summary>
    public bool OnDriftAlert { get; set; }

    /// <summary>Shortest time between two drift-started jobs, across replicas.</summary>
    public TimeSpan DriftCooldown { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The movies CSV trained on when no TMDB ingest ran (default: ../shared/data/movies.csv beside the repository).</summary>
    public string Data { get; set; } = "../shared/data/movies.csv";

    /// <summary>The fixed held-out set: a bundle folder (its test part) or a movies CSV (its test part). Default: the committed bundle's.</summary>
    public string HeldOut { get; set; } = "models/default";

    /// <summary>Also train the poster model and fusion when the data has a posters CSV (hours of feature extraction on a first run, so off by default).</summary>
    public bool Posters { get; set; }

    /// <summary>Whether the text model uses the pretrained word vectors (as <c>train</c> does by default).</summary>
    public bool Embeddings { get; set; } = true;

    /// <summary>Where jobs write their bundles (<c>{job}/bundle</c>) and the ingest its export (<c>data/</c>).</summary>
    public string WorkFolder { get; set; } = "data/retraining";

    /// <summary>How much higher the challenger's micro-F1 on the fixed held-out set must be to be promoted.</summary>
    public double PromoteMargin { get; set; } = 0.005;

    /// <summary>The largest F1 drop of any genre (with held-out support) that still allows a promotion.</summary>
    public double GenreFloor { get; set; } = 0.02;

    /// <summary>Whether a challenger that passes the policy is promoted by the job itself (else an operator promotes it on the Models page).</summary>
    public bool AutoPromote { get; set; }

    /// <summary>First release date the ingest step discovers (all when empty).</summary>
    public DateOnly? IngestSince { get; set; }

    /// <summary>Most movies one ingest step handles (all when empty).</summary>
    public int? IngestMaxMovies { get; set; }

    /// <summary>A job whose runner stops renewing its lease this long is taken over by another runner.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the runner renews its lease, writes progress and looks for a cancel request.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle runner looks for a job queued by another replica or the CLI.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Why these options cannot be used, or null.</summary>
    public string? Problem()
    {
        if (!string.IsNullOrWhiteSpace(Schedule) && RetrainingSchedule.Parse(Schedule) is { Problem: { } problem })
        {
            return problem;
        }
        if (PromoteMargin is < 0 or > 1 || GenreFloor is < 0 or > 1)
        {
            return "Retraining: PromoteMargin and GenreFloor are F1 differences between 0 and 1.";
        }
        if (Heartbeat <= TimeSpan.Zero || Lease <= Heartbeat * 2 || PollInterval <= TimeSpan.Zero || DriftCooldown < TimeSpan.Zero)
        {
            return "Retraining: Heartbeat and PollInterval must be positive and Lease more than twice the Heartbeat.";
        }
        return IngestMaxMovies is < 1 ? "Retraining: IngestMaxMovies must be at least 1." : null;
    }
}
