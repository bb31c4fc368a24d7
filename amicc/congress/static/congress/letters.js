// A copy button under each letter a sender pastes into an office's contact form. The page
// works without it: the letters can be selected and copied by hand.
if (navigator.clipboard) {
  document.querySelectorAll("textarea[data-copyable]").forEach((letter) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy the letter";
    const status = document.createElement("p");
    status.className = "helptext";
    status.setAttribute("role", "status");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(letter.value);
        status.textContent = "Copied. Paste it into the office's form.";
      } catch {
        letter.select();
        status.textContent = "Select the letter and copy it with your keyboard.";
      }
    });
    letter.after(button, status);
  });
}
