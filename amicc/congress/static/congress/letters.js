// A copy button under each letter a sender pastes into an office's contact form. The page
// works without it: the letters can be selected and copied by hand. Its words come from the
// textarea's data-copy-* attributes, in the page's language.
if (navigator.clipboard) {
  document.querySelectorAll("textarea[data-copyable]").forEach((letter) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = letter.dataset.copyLabel;
    const status = document.createElement("p");
    status.className = "helptext";
    status.setAttribute("role", "status");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(letter.value);
        status.textContent = letter.dataset.copyDone;
      } catch {
        letter.select();
        status.textContent = letter.dataset.copyFailed;
      }
    });
    letter.after(button, status);
  });
}
