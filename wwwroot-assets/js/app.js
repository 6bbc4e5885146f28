// GenreBlazor's small browser helpers. Blazor does the rest over the circuit.
window.genreBlazor = window.genreBlazor || {};
