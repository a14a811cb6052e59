import InputAdornment from '@mui/material/InputAdornment';
import SearchIcon from '@mui/icons-material/Search';

/** The magnifying glass at the start of a search or filter field (`slotProps={{ input: { startAdornment: … } }}`). */
export const searchAdornment = (
  <InputAdornment position="start">
    <SearchIcon aria-hidden />
  </InputAdornment>
);
