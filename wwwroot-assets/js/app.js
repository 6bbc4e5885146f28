// GenreBlazor's one browser helper; Blazor and MudBlazor do the rest over the circuit.
window.genreBlazor = {
    // The app bar's theme switch: a cookie, so the server prerenders the next visit in the chosen theme.
    rememberTheme(value) {
        document.cookie = `genreblazor-theme=${value === 'dark' ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
    },
};
