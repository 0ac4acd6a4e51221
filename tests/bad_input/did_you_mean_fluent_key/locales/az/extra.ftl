# Texts only this case has.
donate-button = İanə et
