using MudBlazor;

namespace GenreBlazor.Web.Components.Layout;

/// <summary>
/// The app's palettes. Text and the colours drawn behind it keep a contrast of at least 4.5:1 in both (the browser
/// tests' accessibility scan checks every page in both themes).
/// </summary>
public static class AppTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            PrimaryContrastText = "#ffffff",
            Secondary = "#8a4b00",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#f9a825",
            TertiaryContrastText = "#2b1b00",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            TextPrimary = "#1f2330",
            TextSecondary = "#4f5568",
            LinesDefault = "#d9dce6",
            TableLines = "#d9dce6",
            Divider = "#d9dce6",
            ActionDefault = "#4f5568",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a8b1ff",
            PrimaryContrastText = "#10142e",
            Secondary = "#ffb870",
            SecondaryContrastText = "#2b1600",
            Tertiary = "#ffd54f",
            TertiaryContrastText = "#2b1b00",
            Info = "#90caf9",
            InfoContrastText = "#0a1f33",
            Success = "#81c784",
            SuccessContrastText = "#0b2a0d",
            Warning = "#ffb74d",
            WarningContrastText = "#2b1a00",
            Error = "#ef9a9a",
            ErrorContrastText = "#330808",
            AppbarBackground = "#1b1e2e",
            AppbarText = "#e8eaf2",
            Background = "#11131c",
            Surface = "#1b1e2e",
            DrawerBackground = "#1b1e2e",
            TextPrimary = "#e8eaf2",
            TextSecondary = "#b8bdd0",
            LinesDefault = "#3a3f55",
            TableLines = "#3a3f55",
            TableStriped = "#20243a",
            TableHover = "#272c45",
            Divider = "#3a3f55",
            ActionDefault = "#c5c9da",
        },
    };
}
