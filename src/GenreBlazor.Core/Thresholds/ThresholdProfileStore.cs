using System.Text;
using System.Text.Json;

namespace GenreBlazor.Core.Thresholds;

/// <summary>
/// Threshold profiles saved as one JSON file each in a folder, plus <c>active.json</c> naming the profile the app
/// decides with. Every write goes to a temporary file that is then renamed over the target, so a crash never
/// leaves half a file; a profile that fails validation is refused and the file on disk is left as it was.
/// Thread-safe.
/// </summary>
public sealed class ThresholdProfileStore
{
    private const string ActiveFile = "active.json";
    private readonly object gate = new();
    private ThresholdProfile? active;

    /// <summary>Opens (and creates) the folder and reads the active profile, if any.</summary>
    public ThresholdProfileStore(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        ActiveProblem = null;
        var activePath = Path.Combine(directory, ActiveFile);
        if (File.Exists(activePath))
        {
            try
            {
                var name = JsonSerializer.Deserialize<ActiveMarker>(File.ReadAllText(activePath), ThresholdProfile.Json)?.Name;
                active = name is null ? null : Load(name);
            }
            catch (Exception e) when (e is ThresholdProfileException or JsonException or IOException)
            {
                // The app still starts, deciding with the tuned thresholds, and says why.
                ActiveProblem = $"The active profile could not be loaded: {e.Message}";
            }
        }
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The active profile, or null for the model's tuned thresholds.</summary>
    public ThresholdProfile? Active { get { lock (gate) { return active; } } }

    /// <summary>Why the active profile recorded on disk was not loaded at start-up, if it was not.</summary>
    public string? ActiveProblem { get; private set; }

    /// <summary>Raised after the active profile changes.</summary>
    public event Action<ThresholdProfile?>? ActiveChanged;

    /// <summary>Names of the saved profiles, sorted.</summary>
    public IReadOnlyList<string> Names()
    {
        var names = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.profile.json"))
        {
            try
            {
                names.Add(ThresholdProfile.Parse(File.ReadAllText(file), Path.GetFileName(file)).Name);
            }
            catch (ThresholdProfileException)
            {
                // listed by Problems(), never loaded
            }
        }
        return names.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Files in the folder that are not valid profiles, with the reason.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.profile.json"))
        {
            try
            {
                ThresholdProfile.Parse(File.ReadAllText(file), Path.GetFileName(file));
            }
            catch (ThresholdProfileException e)
            {
                problems.Add(e.Message);
            }
        }
        return problems;
    }

    /// <summary>Loads a profile by name; throws when it is missing or invalid.</summary>
    public ThresholdProfile Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            throw new ThresholdProfileException($"There is no profile named '{name}'.");
        }
        var profile = ThresholdProfile.Parse(File.ReadAllText(path), Path.GetFileName(path));
        return profile.Name == name ? profile : throw new ThresholdProfileException($"{Path.GetFileName(path)} holds profile '{profile.Name}', not '{name}'.");
    }

    /// <summary>Saves (or replaces) a profile after validating it.</summary>
    public ThresholdProfile Save(ThresholdProfile profile)
    {
        profile = (profile with { Saved = profile.Saved ?? DateTimeOffset.UtcNow }).Validated();
        lock (gate)
        {
            WriteAtomically(PathOf(profile.Name), profile.ToJson());
            if (active?.Name == profile.Name)
            {
                active = profile;
            }
        }
        if (Active?.Name == profile.Name)
        {
            ActiveChanged?.Invoke(profile);
        }
        return profile;
    }

    /// <summary>Deletes a profile; if it was active, the tuned thresholds become active again.</summary>
    public void Delete(string name)
    {
        var wasActive = false;
        lock (gate)
        {
            var path = PathOf(name);
            if (!File.Exists(path))
            {
                throw new ThresholdProfileException($"There is no profile named '{name}'.");
            }
            if (active?.Name == name)
            {
                WriteAtomically(Path.Combine(Directory, ActiveFile), JsonSerializer.Serialize(new ActiveMarker(null), ThresholdProfile.Json));
                active = null;
                wasActive = true;
            }
            File.Delete(path);
        }
        if (wasActive)
        {
            ActiveChanged?.Invoke(null);
        }
    }

    /// <summary>Makes a saved profile the one the app decides with; null returns to the tuned thresholds. Survives restarts.</summary>
    public void Activate(string? name)
    {
        ThresholdProfile? profile = null;
        lock (gate)
        {
            if (name is not null)
            {
                profile = Load(name);
            }
            WriteAtomically(Path.Combine(Directory, ActiveFile), JsonSerializer.Serialize(new ActiveMarker(name), ThresholdProfile.Json));
            active = profile;
            ActiveProblem = null;
        }
        ActiveChanged?.Invoke(profile);
    }

    /// <summary>The file a profile is saved in: its name lower-cased, with anything but letters and digits as '-'.</summary>
    public string PathOf(string name)
    {
        if (ThresholdProfile.NameProblem(name) is { } problem)
        {
            throw new ThresholdProfileException($"Profile name '{name}': {problem}");
        }
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return Path.Combine(Directory, slug + ".profile.json");
    }

    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record ActiveMarker(string? Name);
}
