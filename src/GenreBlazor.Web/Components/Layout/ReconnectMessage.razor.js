// Drives the reconnect dialog from the states blazor.web.js reports (show, hide, retrying, failed, rejected, paused, resume-failed).
const dialog = document.getElementById('components-reconnect-modal');

function open() {
    if (!dialog.open) {
        dialog.showModal();
    }
}

dialog.addEventListener('components-reconnect-state-changed', event => {
    if (event.detail.state === 'hide') {
        dialog.close();
    } else {
        open();
    }
});

document.getElementById('reconnect-retry').addEventListener('click', async () => {
    if (!(await Blazor.reconnect()) && !(await Blazor.resumeCircuit())) {
        location.reload();
    }
});

document.getElementById('reconnect-resume').addEventListener('click', async () => {
    if (!(await Blazor.resumeCircuit())) {
        dialog.classList.replace('components-reconnect-paused', 'components-reconnect-resume-failed');
    }
});

// Buttons, not javascript: links, which the Content-Security-Policy refuses.
for (const reload of dialog.querySelectorAll('.reconnect-reload')) {
    reload.addEventListener('click', () => location.reload());
}
